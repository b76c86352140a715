"""Hand transcription of the 烟台 sample, table by table (no cnbudget code used).

Source: tests/corpus/shandong-yantai-medical-insurance-2025.txt, a space-separated text in
which empty cells are lost. Every row below was read off the printed table and each printed
number given the column the header and the arithmetic assign to it; the comments say which
identity decided a column wherever the printed order alone does not. Values are copied as
printed (thousands separators kept); codes are written whole (类 + 款 + 项), names with
wraps and spaces removed (docs/facts.md).

ROWS: (table, row_code, row_name, {column: printed value}) in document order; a table printed
over two pages is one table. 公开表8/9 (政府性基金 / 国有资本经营) print only an empty-table
note. The 项目支出绩效目标表 blocks are not transcribed (the parser does not emit them as facts).

The document carries cent-level 尾数差异 that are kept as printed (PRINTED_MISMATCHES at the
end lists every identity they break): 合计 5,314.29 vs 69.80 + 5,201.98 + 42.50 = 5,314.28;
21011 行政事业单位医疗 33.17 vs 21.14 + 12.04 = 33.18; 基本 570.89 vs 570.88 and 人员 504.40
vs 504.39 over the classes; 公开表6/10 301 488.03 vs Σ items 488.04 and 303 16.37 vs 16.36.
"""

SOURCE = "shandong-yantai-medical-insurance-2025"

Row = tuple[str, str, str, dict[str, str]]

# fmt: off
ROWS: list[Row] = [
    # 公开表1 收支总体情况表: income side first, then expenditure side (one column 预算数)
    ("summary", "income.fiscal", "一、财政拨款收入", {"amount": "5,314.29"}),
    ("summary", "income.general", "一般公共预算收入", {"amount": "5,314.29"}),
    ("summary", "income.current_total", "本年收入合计", {"amount": "5,314.29"}),
    ("summary", "income.grand_total", "收入总计", {"amount": "5,314.29"}),
    ("summary", "208", "七、社会保障和就业支出", {"amount": "69.80"}),
    ("summary", "210", "八、卫生健康支出", {"amount": "5,201.98"}),
    ("summary", "221", "十七、住房保障支出", {"amount": "42.50"}),
    ("summary", "expenditure.current_total", "本年支出合计", {"amount": "5,314.29"}),
    ("summary", "expenditure.grand_total", "支出总计", {"amount": "5,314.29"}),

    # 公开表2 收入总体情况表: 13 columns (合计, 财政拨款 小计/一般公共预算/政府性基金/国有资本经营,
    # 财政专户, 事业, 经营, 其他, 上级补助, 附属单位, 非财政结余, 上年结转). Every row prints three
    # equal numbers: 合计 = 财政拨款小计 = 一般公共预算 (the 收支总表 has only 一般公共预算 income).
    ("income", "total", "合计", {"total": "5,314.29", "fiscal": "5,314.29", "fiscal.general": "5,314.29"}),
    ("income", "208", "社会保障和就业支出", {"total": "69.80", "fiscal": "69.80", "fiscal.general": "69.80"}),
    ("income", "20805", "行政事业单位养老支出", {"total": "69.80", "fiscal": "69.80", "fiscal.general": "69.80"}),
    ("income", "2080501", "行政单位离退休", {"total": "15.53", "fiscal": "15.53", "fiscal.general": "15.53"}),
    ("income", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "46.27", "fiscal": "46.27", "fiscal.general": "46.27"}),
    ("income", "2080506", "机关事业单位职业年金缴费支出", {"total": "8.00", "fiscal": "8.00", "fiscal.general": "8.00"}),
    ("income", "210", "卫生健康支出", {"total": "5,201.98", "fiscal": "5,201.98", "fiscal.general": "5,201.98"}),
    # printed 33.17 while its children add up to 33.18 (尾数差异, kept as printed)
    ("income", "21011", "行政事业单位医疗", {"total": "33.17", "fiscal": "33.17", "fiscal.general": "33.17"}),
    ("income", "2101101", "行政单位医疗", {"total": "21.14", "fiscal": "21.14", "fiscal.general": "21.14"}),
    ("income", "2101103", "公务员医疗补助", {"total": "12.04", "fiscal": "12.04", "fiscal.general": "12.04"}),
    ("income", "21013", "医疗救助", {"total": "4,194.00", "fiscal": "4,194.00", "fiscal.general": "4,194.00"}),
    ("income", "2101301", "城乡医疗救助", {"total": "4,194.00", "fiscal": "4,194.00", "fiscal.general": "4,194.00"}),
    ("income", "21015", "医疗保障管理事务", {"total": "974.81", "fiscal": "974.81", "fiscal.general": "974.81"}),
    ("income", "2101501", "行政运行", {"total": "425.41", "fiscal": "425.41", "fiscal.general": "425.41"}),
    ("income", "2101502", "一般行政管理事务", {"total": "549.40", "fiscal": "549.40", "fiscal.general": "549.40"}),
    ("income", "221", "住房保障支出", {"total": "42.50", "fiscal": "42.50", "fiscal.general": "42.50"}),
    # (page 2, no 合计 repeated: 款 02 and 项 01 continue under 221)
    ("income", "22102", "住房改革支出", {"total": "42.50", "fiscal": "42.50", "fiscal.general": "42.50"}),
    ("income", "2210201", "住房公积金", {"total": "42.50", "fiscal": "42.50", "fiscal.general": "42.50"}),

    # 公开表3 支出总体情况表: 合计 / 基本支出 / 项目支出 / 结转下年 (结转下年 never printed).
    # 项目 4,743.40 of 合计 = 210's = 4,194.00 (21013) + 549.40 (2101502): every other
    # two-number row is 基本.
    ("expenditure", "total", "合计", {"total": "5,314.29", "basic": "570.89", "project": "4,743.40"}),
    ("expenditure", "208", "社会保障和就业支出", {"total": "69.80", "basic": "69.80"}),
    ("expenditure", "20805", "行政事业单位养老支出", {"total": "69.80", "basic": "69.80"}),
    ("expenditure", "2080501", "行政单位离退休", {"total": "15.53", "basic": "15.53"}),
    ("expenditure", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "46.27", "basic": "46.27"}),
    ("expenditure", "2080506", "机关事业单位职业年金缴费支出", {"total": "8.00", "basic": "8.00"}),
    ("expenditure", "210", "卫生健康支出", {"total": "5,201.98", "basic": "458.58", "project": "4,743.40"}),
    # 210 基本 458.58 = 33.17 (21011) + 425.41 (21015)
    ("expenditure", "21011", "行政事业单位医疗", {"total": "33.17", "basic": "33.17"}),
    ("expenditure", "2101101", "行政单位医疗", {"total": "21.14", "basic": "21.14"}),
    ("expenditure", "2101103", "公务员医疗补助", {"total": "12.04", "basic": "12.04"}),
    ("expenditure", "21013", "医疗救助", {"total": "4,194.00", "project": "4,194.00"}),
    ("expenditure", "2101301", "城乡医疗救助", {"total": "4,194.00", "project": "4,194.00"}),
    ("expenditure", "21015", "医疗保障管理事务", {"total": "974.81", "basic": "425.41", "project": "549.40"}),
    ("expenditure", "2101501", "行政运行", {"total": "425.41", "basic": "425.41"}),
    ("expenditure", "2101502", "一般行政管理事务", {"total": "549.40", "project": "549.40"}),
    ("expenditure", "221", "住房保障支出", {"total": "42.50", "basic": "42.50"}),
    ("expenditure", "22102", "住房改革支出", {"total": "42.50", "basic": "42.50"}),
    ("expenditure", "2210201", "住房公积金", {"total": "42.50", "basic": "42.50"}),

    # 公开表4 财政拨款收支总体情况表: income 预算数; expenditure 总计 / 一般公共预算 / 政府性基金 /
    # 国有资本经营. Two equal numbers = 总计 and 一般公共预算 (the only income is 一般公共预算).
    ("fiscal_summary", "income.general", "一、一般公共预算收入", {"amount": "5,314.29"}),
    ("fiscal_summary", "income.current_total", "本年收入合计", {"amount": "5,314.29"}),
    ("fiscal_summary", "income.grand_total", "收入总计", {"amount": "5,314.29"}),
    ("fiscal_summary", "208", "七、社会保障和就业支出", {"total": "69.80", "fiscal.general": "69.80"}),
    ("fiscal_summary", "210", "八、卫生健康支出", {"total": "5,201.98", "fiscal.general": "5,201.98"}),
    ("fiscal_summary", "221", "十七、住房保障支出", {"total": "42.50", "fiscal.general": "42.50"}),
    ("fiscal_summary", "expenditure.current_total", "本年支出合计", {"total": "5,314.29", "fiscal.general": "5,314.29"}),
    ("fiscal_summary", "expenditure.grand_total", "支出总计", {"total": "5,314.29", "fiscal.general": "5,314.29"}),

    # 公开表5 一般公共预算支出情况表: 合计 / 基本 小计 / 人员支出 / 日常公用支出 / 项目支出.
    # 公用 66.49 of 合计 is 210's = 21015's = 2101501's alone, so every other 基本 row is 人员;
    # 项目 as in 公开表3.
    ("general_expenditure", "total", "合计", {"total": "5,314.29", "basic": "570.89", "basic.personnel": "504.40", "basic.public": "66.49", "project": "4,743.40"}),
    ("general_expenditure", "208", "社会保障和就业支出", {"total": "69.80", "basic": "69.80", "basic.personnel": "69.80"}),
    ("general_expenditure", "20805", "行政事业单位养老支出", {"total": "69.80", "basic": "69.80", "basic.personnel": "69.80"}),
    ("general_expenditure", "2080501", "行政单位离退休", {"total": "15.53", "basic": "15.53", "basic.personnel": "15.53"}),
    ("general_expenditure", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "46.27", "basic": "46.27", "basic.personnel": "46.27"}),
    ("general_expenditure", "2080506", "机关事业单位职业年金缴费支出", {"total": "8.00", "basic": "8.00", "basic.personnel": "8.00"}),
    ("general_expenditure", "210", "卫生健康支出", {"total": "5,201.98", "basic": "458.58", "basic.personnel": "392.09", "basic.public": "66.49", "project": "4,743.40"}),
    ("general_expenditure", "21011", "行政事业单位医疗", {"total": "33.17", "basic": "33.17", "basic.personnel": "33.17"}),
    ("general_expenditure", "2101101", "行政单位医疗", {"total": "21.14", "basic": "21.14", "basic.personnel": "21.14"}),
    ("general_expenditure", "2101103", "公务员医疗补助", {"total": "12.04", "basic": "12.04", "basic.personnel": "12.04"}),
    ("general_expenditure", "21013", "医疗救助", {"total": "4,194.00", "project": "4,194.00"}),
    ("general_expenditure", "2101301", "城乡医疗救助", {"total": "4,194.00", "project": "4,194.00"}),
    ("general_expenditure", "21015", "医疗保障管理事务", {"total": "974.81", "basic": "425.41", "basic.personnel": "358.92", "basic.public": "66.49", "project": "549.40"}),
    # 2101501: 425.41 = 358.92 人员 + 66.49 公用
    ("general_expenditure", "2101501", "行政运行", {"total": "425.41", "basic": "425.41", "basic.personnel": "358.92", "basic.public": "66.49"}),
    ("general_expenditure", "2101502", "一般行政管理事务", {"total": "549.40", "project": "549.40"}),
    ("general_expenditure", "221", "住房保障支出", {"total": "42.50", "basic": "42.50", "basic.personnel": "42.50"}),
    ("general_expenditure", "22102", "住房改革支出", {"total": "42.50", "basic": "42.50", "basic.personnel": "42.50"}),
    ("general_expenditure", "2210201", "住房公积金", {"total": "42.50", "basic": "42.50", "basic.personnel": "42.50"}),

    # 公开表6 一般公共预算基本支出情况表: 小计 / 人员支出 / 日常公用支出.
    # 公用 66.49 of 合计 = 302's 66.49 (= Σ its seven items), so 301 and 303 and their items
    # are 人员 (人员 504.40 = 488.03 + 16.37).
    ("general_basic", "total", "合计", {"total": "570.89", "basic.personnel": "504.40", "basic.public": "66.49"}),
    ("general_basic", "301/501", "工资福利支出/机关工资福利支出", {"total": "488.03", "basic.personnel": "488.03"}),
    ("general_basic", "30101/50101", "基本工资/工资奖金津补贴", {"total": "100.92", "basic.personnel": "100.92"}),
    ("general_basic", "30102/50101", "津贴补贴/工资奖金津补贴", {"total": "220.22", "basic.personnel": "220.22"}),
    ("general_basic", "30103/50101", "奖金/工资奖金津补贴", {"total": "32.34", "basic.personnel": "32.34"}),
    ("general_basic", "30108/50102", "机关事业单位基本养老保险缴费/社会保障缴费", {"total": "46.27", "basic.personnel": "46.27"}),
    ("general_basic", "30109/50102", "职业年金缴费/社会保障缴费", {"total": "8.00", "basic.personnel": "8.00"}),
    ("general_basic", "30110/50102", "职工基本医疗保险缴费/社会保障缴费", {"total": "21.14", "basic.personnel": "21.14"}),
    ("general_basic", "30111/50102", "公务员医疗补助缴费/社会保障缴费", {"total": "12.04", "basic.personnel": "12.04"}),
    ("general_basic", "30112/50102", "其他社会保障缴费/社会保障缴费", {"total": "4.61", "basic.personnel": "4.61"}),
    ("general_basic", "30113/50103", "住房公积金/住房公积金", {"total": "42.50", "basic.personnel": "42.50"}),
    ("general_basic", "302/502", "商品和服务支出/机关商品和服务支出", {"total": "66.49", "basic.public": "66.49"}),
    ("general_basic", "30201/50201", "办公费/办公经费", {"total": "30.75", "basic.public": "30.75"}),
    ("general_basic", "30215/50202", "会议费/会议费", {"total": "2.00", "basic.public": "2.00"}),
    ("general_basic", "30216/50203", "培训费/培训费", {"total": "2.00", "basic.public": "2.00"}),
    ("general_basic", "30217/50206", "公务接待费/公务接待费", {"total": "2.25", "basic.public": "2.25"}),
    ("general_basic", "30228/50201", "工会经费/办公经费", {"total": "9.00", "basic.public": "9.00"}),
    ("general_basic", "30239/50201", "其他交通费用/办公经费", {"total": "19.57", "basic.public": "19.57"}),
    ("general_basic", "30299/50299", "其他商品和服务支出/其他商品和服务支出", {"total": "0.92", "basic.public": "0.92"}),
    ("general_basic", "303/509", "对个人和家庭补助/对个人和家庭的补助", {"total": "16.37", "basic.personnel": "16.37"}),
    ("general_basic", "30302/50905", "退休费/离退休费", {"total": "13.55", "basic.personnel": "13.55"}),
    ("general_basic", "30307/50901", "医疗费补助/社会福利和救助", {"total": "1.98", "basic.personnel": "1.98"}),
    # (page 2)
    ("general_basic", "30309/50901", "奖励金/社会福利和救助", {"total": "0.04", "basic.personnel": "0.04"}),
    ("general_basic", "30399/50999", "其他对个人和家庭的补助/其他对个人和家庭的补助", {"total": "0.79", "basic.personnel": "0.79"}),

    # 公开表7 一般公共预算“三公”经费支出情况表: items are columns, two year groups of six
    # (合计, 出国, 车辆小计, 购置, 运行, 接待). Printed: 3.60 1.35 1.35 2.25 2.25 2.25.
    # 2024: 3.60 = 1.35 (车辆小计) + 2.25 (接待); the vehicles 1.35 is 运行维护费 (prose: 运行维护费
    # 比上年减少1.35万元, 购置费 0 与上年基本持平). 2025: 2.25 合计 = 2.25 接待 (prose: 三公 2.25,
    # 公务接待费 2.25, 比上年减少1.35万元).
    ("three_public", "total", "合计", {"prior_year": "3.60", "amount": "2.25"}),
    ("three_public", "vehicles", "公务用车购置及运行维护费", {"prior_year": "1.35"}),
    ("three_public", "vehicles.operation", "公务用车运行维护费", {"prior_year": "1.35"}),
    ("three_public", "reception", "公务接待费", {"prior_year": "2.25", "amount": "2.25"}),

    # 公开表10 基本支出预算情况表: 合计, 财政拨款 小计/一般公共预算/政府性基金/国有资本经营,
    # 财政专户, 单位资金, 非财政结余, 上年结转. Three equal numbers = 合计, 小计, 一般公共预算
    # (the same amounts as 公开表6, which is the 一般公共预算 part).
    ("basic", "total", "合计", {"total": "570.89", "fiscal": "570.89", "fiscal.general": "570.89"}),
    ("basic", "301/501", "工资福利支出/机关工资福利支出", {"total": "488.03", "fiscal": "488.03", "fiscal.general": "488.03"}),
    ("basic", "30101/50101", "基本工资/工资奖金津补贴", {"total": "100.92", "fiscal": "100.92", "fiscal.general": "100.92"}),
    ("basic", "30102/50101", "津贴补贴/工资奖金津补贴", {"total": "220.22", "fiscal": "220.22", "fiscal.general": "220.22"}),
    ("basic", "30103/50101", "奖金/工资奖金津补贴", {"total": "32.34", "fiscal": "32.34", "fiscal.general": "32.34"}),
    ("basic", "30108/50102", "机关事业单位基本养老保险缴费/社会保障缴费", {"total": "46.27", "fiscal": "46.27", "fiscal.general": "46.27"}),
    ("basic", "30109/50102", "职业年金缴费/社会保障缴费", {"total": "8.00", "fiscal": "8.00", "fiscal.general": "8.00"}),
    ("basic", "30110/50102", "职工基本医疗保险缴费/社会保障缴费", {"total": "21.14", "fiscal": "21.14", "fiscal.general": "21.14"}),
    ("basic", "30111/50102", "公务员医疗补助缴费/社会保障缴费", {"total": "12.04", "fiscal": "12.04", "fiscal.general": "12.04"}),
    ("basic", "30112/50102", "其他社会保障缴费/社会保障缴费", {"total": "4.61", "fiscal": "4.61", "fiscal.general": "4.61"}),
    ("basic", "30113/50103", "住房公积金/住房公积金", {"total": "42.50", "fiscal": "42.50", "fiscal.general": "42.50"}),
    ("basic", "302/502", "商品和服务支出/机关商品和服务支出", {"total": "66.49", "fiscal": "66.49", "fiscal.general": "66.49"}),
    ("basic", "30201/50201", "办公费/办公经费", {"total": "30.75", "fiscal": "30.75", "fiscal.general": "30.75"}),
    ("basic", "30215/50202", "会议费/会议费", {"total": "2.00", "fiscal": "2.00", "fiscal.general": "2.00"}),
    ("basic", "30216/50203", "培训费/培训费", {"total": "2.00", "fiscal": "2.00", "fiscal.general": "2.00"}),
    ("basic", "30217/50206", "公务接待费/公务接待费", {"total": "2.25", "fiscal": "2.25", "fiscal.general": "2.25"}),
    ("basic", "30228/50201", "工会经费/办公经费", {"total": "9.00", "fiscal": "9.00", "fiscal.general": "9.00"}),
    ("basic", "30239/50201", "其他交通费用/办公经费", {"total": "19.57", "fiscal": "19.57", "fiscal.general": "19.57"}),
    ("basic", "30299/50299", "其他商品和服务支出/其他商品和服务支出", {"total": "0.92", "fiscal": "0.92", "fiscal.general": "0.92"}),
    ("basic", "303/509", "对个人和家庭补助/对个人和家庭的补助", {"total": "16.37", "fiscal": "16.37", "fiscal.general": "16.37"}),
    ("basic", "30302/50905", "退休费/离退休费", {"total": "13.55", "fiscal": "13.55", "fiscal.general": "13.55"}),
    # (page 2)
    ("basic", "30307/50901", "医疗费补助/社会福利和救助", {"total": "1.98", "fiscal": "1.98", "fiscal.general": "1.98"}),
    ("basic", "30309/50901", "奖励金/社会福利和救助", {"total": "0.04", "fiscal": "0.04", "fiscal.general": "0.04"}),
    ("basic", "30399/50999", "其他对个人和家庭的补助/其他对个人和家庭的补助", {"total": "0.79", "fiscal": "0.79", "fiscal.general": "0.79"}),

    # 公开表11 项目支出预算情况表: 项目名称, 项目类别, then the nine amount columns of 公开表10.
    # The unlabelled first row is the grand total (= Σ the five projects = 支出表 项目 4,743.40).
    ("projects", "total", "", {"total": "4,743.40", "fiscal": "4,743.40", "fiscal.general": "4,743.40"}),
    ("projects", "project:医疗保障工作经费", "医疗保障工作经费", {"total": "420.00", "fiscal": "420.00", "fiscal.general": "420.00", "category": "其他运转类"}),
    ("projects", "project:实施公车统管费用", "实施公车统管费用", {"total": "8.00", "fiscal": "8.00", "fiscal.general": "8.00", "category": "其他运转类"}),
    ("projects", "project:医疗服务与保障能力提升补助资金第一批", "医疗服务与保障能力提升补助资金第一批", {"total": "121.40", "fiscal": "121.40", "fiscal.general": "121.40", "category": "其他运转类"}),
    ("projects", "project:困难群众医疗救助补助", "困难群众医疗救助补助", {"total": "400.00", "fiscal": "400.00", "fiscal.general": "400.00", "category": "特定目标类"}),
    ("projects", "project:2025年城乡医疗救助补助资金", "2025年城乡医疗救助补助资金", {"total": "3,794.00", "fiscal": "3,794.00", "fiscal.general": "3,794.00", "category": "特定目标类"}),

    # 公开表12 政府采购预算表: columns as 公开表10; three equal numbers = 合计, 小计, 一般公共预算
    # (prose: 采购预算 387.4 万元 = 货物 1 + 服务 386.4).
    ("procurement", "total", "合计", {"total": "387.40", "fiscal": "387.40", "fiscal.general": "387.40"}),
    ("procurement", "210", "卫生健康支出", {"total": "387.40", "fiscal": "387.40", "fiscal.general": "387.40"}),
    ("procurement", "21015", "医疗保障管理事务", {"total": "387.40", "fiscal": "387.40", "fiscal.general": "387.40"}),
    ("procurement", "2101501", "行政运行", {"total": "1.00", "fiscal": "1.00", "fiscal.general": "1.00"}),
    ("procurement", "2101502", "一般行政管理事务", {"total": "386.40", "fiscal": "386.40", "fiscal.general": "386.40"}),
]
# fmt: on

# identities the printed tables themselves break by one cent (尾数差异), as labelled by
# tests/test_transcriptions.py; every other identity it checks holds exactly.
PRINTED_MISMATCHES: set[str] = {
    # 合计 5,314.29 vs 69.80 + 5,201.98 + 42.50 = 5,314.28 (公开表2, 3, 5)
    "income total total=Σchildren",
    "income total fiscal=Σchildren",
    "income total fiscal.general=Σchildren",
    "expenditure total total=Σchildren",
    "general_expenditure total total=Σchildren",
    # 基本 570.89 vs 69.80 + 458.58 + 42.50 = 570.88; 人员 504.40 vs 69.80 + 392.09 + 42.50 = 504.39
    "expenditure total basic=Σchildren",
    "general_expenditure total basic=Σchildren",
    "general_expenditure total basic.personnel=Σchildren",
    # 21011 33.17 vs 21.14 + 12.04 = 33.18 (公开表2, 3, 5)
    "income 21011 total=Σchildren",
    "income 21011 fiscal=Σchildren",
    "income 21011 fiscal.general=Σchildren",
    "expenditure 21011 total=Σchildren",
    "expenditure 21011 basic=Σchildren",
    "general_expenditure 21011 total=Σchildren",
    "general_expenditure 21011 basic=Σchildren",
    "general_expenditure 21011 basic.personnel=Σchildren",
    # 301 488.03 vs Σ items 488.04; 303 16.37 vs Σ items 16.36 (公开表6, 10)
    "general_basic 301/501 total=Σchildren",
    "general_basic 301/501 basic.personnel=Σchildren",
    "general_basic 303/509 total=Σchildren",
    "general_basic 303/509 basic.personnel=Σchildren",
    "basic 301/501 total=Σchildren",
    "basic 301/501 fiscal=Σchildren",
    "basic 301/501 fiscal.general=Σchildren",
    "basic 303/509 total=Σchildren",
    "basic 303/509 fiscal=Σchildren",
    "basic 303/509 fiscal.general=Σchildren",
}
