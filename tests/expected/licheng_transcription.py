"""Hand transcription of the 历城 sample, table by table (no cnbudget code used).

Source: tests/corpus/shandong-jinan-licheng-medical-insurance-2025.txt, a space-separated
text in which empty cells are lost. Every row below was read off the printed table and
each printed number given the column the header and the arithmetic assign to it; the
comments say which identity decided a column wherever the printed order alone does not.
Values are copied as printed (thousands separators kept); codes are written whole
(类 + 款 + 项), names with wraps and spaces removed (docs/facts.md).

ROWS: (table, row_code, row_name, {column: printed value}) in document order; a table
printed over two pages is one table (the repeated 合计 row of a continuation page is
not repeated here). 公开表8/9 (政府性基金 / 国有资本经营) print only an empty-table note.
The 项目绩效目标表 blocks are not transcribed (the parser does not emit them as facts).
"""

SOURCE = "shandong-jinan-licheng-medical-insurance-2025"

Row = tuple[str, str, str, dict[str, str]]

# fmt: off
ROWS: list[Row] = [
    # 公开表1 收支总体情况表: income side first, then expenditure side (one column 预算数)
    ("summary", "income.fiscal", "一、财政拨款", {"amount": "19,401.26"}),
    ("summary", "income.general", "一般公共预算拨款收入", {"amount": "19,401.26"}),
    ("summary", "income.current_total", "本年收入合计", {"amount": "19,401.26"}),
    ("summary", "income.grand_total", "收入总计", {"amount": "19,401.26"}),
    ("summary", "208", "七、社会保障和就业支出", {"amount": "91.64"}),
    ("summary", "210", "八、卫生健康支出", {"amount": "19,259.13"}),
    ("summary", "221", "十七、住房保障支出", {"amount": "50.49"}),
    ("summary", "expenditure.current_total", "本年支出合计", {"amount": "19,401.26"}),
    ("summary", "expenditure.grand_total", "支出总计", {"amount": "19,401.26"}),

    # 公开表2 收入总体情况表: 13 columns (合计, 财政拨款 小计/一般公共预算/政府性基金/国有资本经营,
    # 财政专户, 事业, 经营, 其他, 上级补助, 附属单位, 非财政结余, 上年结转). Every row prints three
    # equal numbers: 合计 = 财政拨款小计 = 一般公共预算 (the 收支总表 has only 一般公共预算 income,
    # and 合计 = Σ sources, 小计 = Σ its three budgets leave no other placement).
    ("income", "total", "合计", {"total": "19,401.26", "fiscal": "19,401.26", "fiscal.general": "19,401.26"}),
    ("income", "208", "社会保障和就业支出", {"total": "91.64", "fiscal": "91.64", "fiscal.general": "91.64"}),
    ("income", "20805", "行政事业单位养老支出", {"total": "91.64", "fiscal": "91.64", "fiscal.general": "91.64"}),
    ("income", "2080501", "行政单位离退休", {"total": "3.81", "fiscal": "3.81", "fiscal.general": "3.81"}),
    ("income", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "58.55", "fiscal": "58.55", "fiscal.general": "58.55"}),
    ("income", "2080506", "机关事业单位职业年金缴费支出", {"total": "29.28", "fiscal": "29.28", "fiscal.general": "29.28"}),
    ("income", "210", "卫生健康支出", {"total": "19,259.13", "fiscal": "19,259.13", "fiscal.general": "19,259.13"}),
    ("income", "21011", "行政事业单位医疗", {"total": "545.98", "fiscal": "545.98", "fiscal.general": "545.98"}),
    ("income", "2101101", "行政单位医疗", {"total": "281.98", "fiscal": "281.98", "fiscal.general": "281.98"}),
    ("income", "2101102", "事业单位医疗", {"total": "264.00", "fiscal": "264.00", "fiscal.general": "264.00"}),
    ("income", "21012", "财政对基本医疗保险基金的补助", {"total": "17,245.85", "fiscal": "17,245.85", "fiscal.general": "17,245.85"}),
    ("income", "2101201", "财政对职工基本医疗保险基金的补助", {"total": "100.00", "fiscal": "100.00", "fiscal.general": "100.00"}),
    ("income", "2101202", "财政对城乡居民基本医疗保险基金的补助", {"total": "16,522.85", "fiscal": "16,522.85", "fiscal.general": "16,522.85"}),
    ("income", "2101299", "财政对其他基本医疗保险基金的补助", {"total": "623.00", "fiscal": "623.00", "fiscal.general": "623.00"}),
    ("income", "21013", "医疗救助", {"total": "594.00", "fiscal": "594.00", "fiscal.general": "594.00"}),
    ("income", "2101301", "城乡医疗救助", {"total": "594.00", "fiscal": "594.00", "fiscal.general": "594.00"}),
    # (page 2: 合计 repeated, no new facts)
    ("income", "21015", "医疗保障管理事务", {"total": "695.85", "fiscal": "695.85", "fiscal.general": "695.85"}),
    ("income", "2101501", "行政运行", {"total": "198.41", "fiscal": "198.41", "fiscal.general": "198.41"}),
    ("income", "2101502", "一般行政管理事务", {"total": "80.00", "fiscal": "80.00", "fiscal.general": "80.00"}),
    ("income", "2101506", "医疗保障经办事务", {"total": "39.07", "fiscal": "39.07", "fiscal.general": "39.07"}),
    ("income", "2101550", "事业运行", {"total": "282.37", "fiscal": "282.37", "fiscal.general": "282.37"}),
    ("income", "2101599", "其他医疗保障管理事务支出", {"total": "96.00", "fiscal": "96.00", "fiscal.general": "96.00"}),
    ("income", "21099", "其他卫生健康支出", {"total": "177.45", "fiscal": "177.45", "fiscal.general": "177.45"}),
    ("income", "2109999", "其他卫生健康支出", {"total": "177.45", "fiscal": "177.45", "fiscal.general": "177.45"}),
    ("income", "221", "住房保障支出", {"total": "50.49", "fiscal": "50.49", "fiscal.general": "50.49"}),
    ("income", "22102", "住房改革支出", {"total": "50.49", "fiscal": "50.49", "fiscal.general": "50.49"}),
    ("income", "2210201", "住房公积金", {"total": "50.49", "fiscal": "50.49", "fiscal.general": "50.49"}),

    # 公开表3 支出总体情况表: 合计 / 基本支出 / 项目支出 / 结转下年 (结转下年 never printed).
    # Two-number rows: the second number is 基本 or 项目, decided by the parents:
    # 合计 基本 653.89 = 208 (91.64) + 210 (511.76) + 221 (50.49); 项目 18,747.37 = 210's only.
    ("expenditure", "total", "合计", {"total": "19,401.26", "basic": "653.89", "project": "18,747.37"}),
    ("expenditure", "208", "社会保障和就业支出", {"total": "91.64", "basic": "91.64"}),
    ("expenditure", "20805", "行政事业单位养老支出", {"total": "91.64", "basic": "91.64"}),
    ("expenditure", "2080501", "行政单位离退休", {"total": "3.81", "basic": "3.81"}),
    ("expenditure", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "58.55", "basic": "58.55"}),
    ("expenditure", "2080506", "机关事业单位职业年金缴费支出", {"total": "29.28", "basic": "29.28"}),
    ("expenditure", "210", "卫生健康支出", {"total": "19,259.13", "basic": "511.76", "project": "18,747.37"}),
    ("expenditure", "21011", "行政事业单位医疗", {"total": "545.98", "basic": "30.98", "project": "515.00"}),
    ("expenditure", "2101101", "行政单位医疗", {"total": "281.98", "basic": "30.98", "project": "251.00"}),
    # 21011: 基本 30.98 = 2101101's 30.98 alone, 项目 515.00 = 251.00 + 264.00 (项目表 离休干部医疗经费 515.00)
    ("expenditure", "2101102", "事业单位医疗", {"total": "264.00", "project": "264.00"}),
    # 210 基本 511.76 = 21011 (30.98) + 21015 (480.78): 21012, 21013, 21099 are all 项目
    ("expenditure", "21012", "财政对基本医疗保险基金的补助", {"total": "17,245.85", "project": "17,245.85"}),
    ("expenditure", "2101201", "财政对职工基本医疗保险基金的补助", {"total": "100.00", "project": "100.00"}),
    ("expenditure", "2101202", "财政对城乡居民基本医疗保险基金的补助", {"total": "16,522.85", "project": "16,522.85"}),
    ("expenditure", "2101299", "财政对其他基本医疗保险基金的补助", {"total": "623.00", "project": "623.00"}),
    ("expenditure", "21013", "医疗救助", {"total": "594.00", "project": "594.00"}),
    ("expenditure", "2101301", "城乡医疗救助", {"total": "594.00", "project": "594.00"}),
    ("expenditure", "21015", "医疗保障管理事务", {"total": "695.85", "basic": "480.78", "project": "215.07"}),
    # 21015: 基本 480.78 = 198.41 + 282.37; 项目 215.07 = 80.00 + 39.07 + 96.00
    ("expenditure", "2101501", "行政运行", {"total": "198.41", "basic": "198.41"}),
    ("expenditure", "2101502", "一般行政管理事务", {"total": "80.00", "project": "80.00"}),
    ("expenditure", "2101506", "医疗保障经办事务", {"total": "39.07", "project": "39.07"}),
    # (page 2)
    ("expenditure", "2101550", "事业运行", {"total": "282.37", "basic": "282.37"}),
    ("expenditure", "2101599", "其他医疗保障管理事务支出", {"total": "96.00", "project": "96.00"}),
    ("expenditure", "21099", "其他卫生健康支出", {"total": "177.45", "project": "177.45"}),
    ("expenditure", "2109999", "其他卫生健康支出", {"total": "177.45", "project": "177.45"}),
    ("expenditure", "221", "住房保障支出", {"total": "50.49", "basic": "50.49"}),
    ("expenditure", "22102", "住房改革支出", {"total": "50.49", "basic": "50.49"}),
    ("expenditure", "2210201", "住房公积金", {"total": "50.49", "basic": "50.49"}),

    # 公开表4 财政拨款收支总体情况表: income 预算数; expenditure 总计 / 一般公共预算 / 政府性基金 /
    # 国有资本经营. Two equal numbers = 总计 and 一般公共预算 (the only income is 一般公共预算).
    ("fiscal_summary", "income.general", "一、一般公共预算收入", {"amount": "19,401.26"}),
    ("fiscal_summary", "income.current_total", "本年收入合计", {"amount": "19,401.26"}),
    ("fiscal_summary", "income.grand_total", "收入总计", {"amount": "19,401.26"}),
    ("fiscal_summary", "208", "七、社会保障和就业支出", {"total": "91.64", "fiscal.general": "91.64"}),
    ("fiscal_summary", "210", "八、卫生健康支出", {"total": "19,259.13", "fiscal.general": "19,259.13"}),
    ("fiscal_summary", "221", "十七、住房保障支出", {"total": "50.49", "fiscal.general": "50.49"}),
    ("fiscal_summary", "expenditure.current_total", "本年支出合计", {"total": "19,401.26", "fiscal.general": "19,401.26"}),
    ("fiscal_summary", "expenditure.grand_total", "支出总计", {"total": "19,401.26", "fiscal.general": "19,401.26"}),

    # 公开表5 一般公共预算支出情况表: 合计 / 基本 小计 / 人员支出 / 日常公用支出 / 项目支出.
    # 公用 39.51 of 合计 is 210's = 21015's = 2101501's alone, so every other 基本 row is 人员.
    ("general_expenditure", "total", "合计", {"total": "19,401.26", "basic": "653.89", "basic.personnel": "614.38", "basic.public": "39.51", "project": "18,747.37"}),
    ("general_expenditure", "208", "社会保障和就业支出", {"total": "91.64", "basic": "91.64", "basic.personnel": "91.64"}),
    ("general_expenditure", "20805", "行政事业单位养老支出", {"total": "91.64", "basic": "91.64", "basic.personnel": "91.64"}),
    ("general_expenditure", "2080501", "行政单位离退休", {"total": "3.81", "basic": "3.81", "basic.personnel": "3.81"}),
    ("general_expenditure", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "58.55", "basic": "58.55", "basic.personnel": "58.55"}),
    ("general_expenditure", "2080506", "机关事业单位职业年金缴费支出", {"total": "29.28", "basic": "29.28", "basic.personnel": "29.28"}),
    ("general_expenditure", "210", "卫生健康支出", {"total": "19,259.13", "basic": "511.76", "basic.personnel": "472.25", "basic.public": "39.51", "project": "18,747.37"}),
    # 21011: 545.98 = 30.98 (基本 = 人员) + 515.00 项目
    ("general_expenditure", "21011", "行政事业单位医疗", {"total": "545.98", "basic": "30.98", "basic.personnel": "30.98", "project": "515.00"}),
    ("general_expenditure", "2101101", "行政单位医疗", {"total": "281.98", "basic": "30.98", "basic.personnel": "30.98", "project": "251.00"}),
    ("general_expenditure", "2101102", "事业单位医疗", {"total": "264.00", "project": "264.00"}),
    ("general_expenditure", "21012", "财政对基本医疗保险基金的补助", {"total": "17,245.85", "project": "17,245.85"}),
    ("general_expenditure", "2101201", "财政对职工基本医疗保险基金的补助", {"total": "100.00", "project": "100.00"}),
    ("general_expenditure", "2101202", "财政对城乡居民基本医疗保险基金的补助", {"total": "16,522.85", "project": "16,522.85"}),
    ("general_expenditure", "2101299", "财政对其他基本医疗保险基金的补助", {"total": "623.00", "project": "623.00"}),
    ("general_expenditure", "21013", "医疗救助", {"total": "594.00", "project": "594.00"}),
    ("general_expenditure", "2101301", "城乡医疗救助", {"total": "594.00", "project": "594.00"}),
    ("general_expenditure", "21015", "医疗保障管理事务", {"total": "695.85", "basic": "480.78", "basic.personnel": "441.27", "basic.public": "39.51", "project": "215.07"}),
    # 2101501: 198.41 = 158.90 人员 + 39.51 公用
    ("general_expenditure", "2101501", "行政运行", {"total": "198.41", "basic": "198.41", "basic.personnel": "158.90", "basic.public": "39.51"}),
    ("general_expenditure", "2101502", "一般行政管理事务", {"total": "80.00", "project": "80.00"}),
    ("general_expenditure", "2101506", "医疗保障经办事务", {"total": "39.07", "project": "39.07"}),
    # 21015 人员 441.27 = 158.90 + 282.37
    ("general_expenditure", "2101550", "事业运行", {"total": "282.37", "basic": "282.37", "basic.personnel": "282.37"}),
    # (page 2: 合计 repeated)
    ("general_expenditure", "2101599", "其他医疗保障管理事务支出", {"total": "96.00", "project": "96.00"}),
    ("general_expenditure", "21099", "其他卫生健康支出", {"total": "177.45", "project": "177.45"}),
    ("general_expenditure", "2109999", "其他卫生健康支出", {"total": "177.45", "project": "177.45"}),
    ("general_expenditure", "221", "住房保障支出", {"total": "50.49", "basic": "50.49", "basic.personnel": "50.49"}),
    ("general_expenditure", "22102", "住房改革支出", {"total": "50.49", "basic": "50.49", "basic.personnel": "50.49"}),
    ("general_expenditure", "2210201", "住房公积金", {"total": "50.49", "basic": "50.49", "basic.personnel": "50.49"}),

    # 公开表6 一般公共预算基本支出情况表: 小计 / 人员支出 / 日常公用支出.
    # 公用 39.51 = 6.32 (30112) + 29.59 (302) + 3.10 (30399) + 0.50 (310); 人员 614.38 =
    # 609.37 (301) + 5.01 (303). 301 人员 609.37 = the eight 人员 items + 19.31 of 30112.
    ("general_basic", "total", "合计", {"total": "653.89", "basic.personnel": "614.38", "basic.public": "39.51"}),
    ("general_basic", "301/501", "工资福利支出/机关工资福利支出", {"total": "615.69", "basic.personnel": "609.37", "basic.public": "6.32"}),
    ("general_basic", "30101/50101", "基本工资/工资奖金津补贴", {"total": "137.86", "basic.personnel": "137.86"}),
    ("general_basic", "30102/50101", "津贴补贴/工资奖金津补贴", {"total": "89.32", "basic.personnel": "89.32"}),
    ("general_basic", "30103/50101", "奖金/工资奖金津补贴", {"total": "118.61", "basic.personnel": "118.61"}),
    ("general_basic", "30107/50101", "绩效工资/工资奖金津补贴", {"total": "74.97", "basic.personnel": "74.97"}),
    ("general_basic", "30108/50102", "机关事业单位基本养老保险缴费/社会保障缴费", {"total": "58.55", "basic.personnel": "58.55"}),
    ("general_basic", "30109/50102", "职业年金缴费/社会保障缴费", {"total": "29.28", "basic.personnel": "29.28"}),
    ("general_basic", "30110/50102", "职工基本医疗保险缴费/社会保障缴费", {"total": "30.98", "basic.personnel": "30.98"}),
    ("general_basic", "30112/50102", "其他社会保障缴费/社会保障缴费", {"total": "25.63", "basic.personnel": "19.31", "basic.public": "6.32"}),
    ("general_basic", "30113/50103", "住房公积金/住房公积金", {"total": "50.49", "basic.personnel": "50.49"}),
    # 302 and its items: 公用 (302 total 29.59 = Σ items; 人员 614.38 leaves nothing for 302)
    ("general_basic", "302/502", "商品和服务支出/机关商品和服务支出", {"total": "29.59", "basic.public": "29.59"}),
    ("general_basic", "30201/50201", "办公费/办公经费", {"total": "5.37", "basic.public": "5.37"}),
    ("general_basic", "30202/50201", "印刷费/办公经费", {"total": "0.60", "basic.public": "0.60"}),
    ("general_basic", "30207/50201", "邮电费/办公经费", {"total": "3.00", "basic.public": "3.00"}),
    ("general_basic", "30211/50201", "差旅费/办公经费", {"total": "2.00", "basic.public": "2.00"}),
    ("general_basic", "30216/50203", "培训费/培训费", {"total": "0.20", "basic.public": "0.20"}),
    ("general_basic", "30217/50206", "公务接待费/公务接待费", {"total": "0.60", "basic.public": "0.60"}),
    ("general_basic", "30228/50201", "工会经费/办公经费", {"total": "5.05", "basic.public": "5.05"}),
    ("general_basic", "30239/50201", "其他交通费用/办公经费", {"total": "10.97", "basic.public": "10.97"}),
    ("general_basic", "30299/50299", "其他商品和服务支出/其他商品和服务支出", {"total": "1.80", "basic.public": "1.80"}),
    ("general_basic", "303/509", "对个人和家庭补助/对个人和家庭的补助", {"total": "8.11", "basic.personnel": "5.01", "basic.public": "3.10"}),
    # (page 2) 303 人员 5.01 = 3.00 + 0.81 + 1.20; 公用 3.10 = 30399's
    ("general_basic", "30302/50905", "退休费/离退休费", {"total": "3.00", "basic.personnel": "3.00"}),
    ("general_basic", "30307/50901", "医疗费补助/社会福利和救助", {"total": "0.81", "basic.personnel": "0.81"}),
    ("general_basic", "30399/50999", "其他对个人和家庭的补助/其他对个人和家庭的补助", {"total": "4.30", "basic.personnel": "1.20", "basic.public": "3.10"}),
    # 310: 人员 is used up by 301 + 303, so 0.50 is 公用
    ("general_basic", "310/503", "资本性支出/机关资本性支出", {"total": "0.50", "basic.public": "0.50"}),
    ("general_basic", "31002/50306", "办公设备购置/设备购置", {"total": "0.50", "basic.public": "0.50"}),

    # 公开表7 一般公共预算“三公”经费支出情况表: items are columns, two year groups of six
    # (合计, 出国, 车辆小计, 购置, 运行, 接待). Printed: 0.60 0.60 0.60 0.60. In each year a lone
    # amount is 合计 + one item; the prose says 三公 0.6 万元, 公务接待费 0.6 万元, the rest 0,
    # all 与上年基本持平: 2024 合计 + 接待, 2025 合计 + 接待.
    ("three_public", "total", "合计", {"prior_year": "0.60", "amount": "0.60"}),
    ("three_public", "reception", "公务接待费", {"prior_year": "0.60", "amount": "0.60"}),

    # 公开表10 基本支出预算情况表: 合计, 财政拨款 小计/一般公共预算/政府性基金/国有资本经营,
    # 财政专户, 单位资金, 非财政结余, 上年结转. Three equal numbers = 合计, 小计, 一般公共预算
    # (the same amounts as 公开表6, which is the 一般公共预算 part).
    ("basic", "total", "合计", {"total": "653.89", "fiscal": "653.89", "fiscal.general": "653.89"}),
    ("basic", "301/501", "工资福利支出/机关工资福利支出", {"total": "615.69", "fiscal": "615.69", "fiscal.general": "615.69"}),
    ("basic", "30101/50101", "基本工资/工资奖金津补贴", {"total": "137.86", "fiscal": "137.86", "fiscal.general": "137.86"}),
    ("basic", "30102/50101", "津贴补贴/工资奖金津补贴", {"total": "89.32", "fiscal": "89.32", "fiscal.general": "89.32"}),
    ("basic", "30103/50101", "奖金/工资奖金津补贴", {"total": "118.61", "fiscal": "118.61", "fiscal.general": "118.61"}),
    ("basic", "30107/50101", "绩效工资/工资奖金津补贴", {"total": "74.97", "fiscal": "74.97", "fiscal.general": "74.97"}),
    ("basic", "30108/50102", "机关事业单位基本养老保险缴费/社会保障缴费", {"total": "58.55", "fiscal": "58.55", "fiscal.general": "58.55"}),
    ("basic", "30109/50102", "职业年金缴费/社会保障缴费", {"total": "29.28", "fiscal": "29.28", "fiscal.general": "29.28"}),
    ("basic", "30110/50102", "职工基本医疗保险缴费/社会保障缴费", {"total": "30.98", "fiscal": "30.98", "fiscal.general": "30.98"}),
    ("basic", "30112/50102", "其他社会保障缴费/社会保障缴费", {"total": "25.63", "fiscal": "25.63", "fiscal.general": "25.63"}),
    ("basic", "30113/50103", "住房公积金/住房公积金", {"total": "50.49", "fiscal": "50.49", "fiscal.general": "50.49"}),
    ("basic", "302/502", "商品和服务支出/机关商品和服务支出", {"total": "29.59", "fiscal": "29.59", "fiscal.general": "29.59"}),
    ("basic", "30201/50201", "办公费/办公经费", {"total": "5.37", "fiscal": "5.37", "fiscal.general": "5.37"}),
    ("basic", "30202/50201", "印刷费/办公经费", {"total": "0.60", "fiscal": "0.60", "fiscal.general": "0.60"}),
    ("basic", "30207/50201", "邮电费/办公经费", {"total": "3.00", "fiscal": "3.00", "fiscal.general": "3.00"}),
    ("basic", "30211/50201", "差旅费/办公经费", {"total": "2.00", "fiscal": "2.00", "fiscal.general": "2.00"}),
    ("basic", "30216/50203", "培训费/培训费", {"total": "0.20", "fiscal": "0.20", "fiscal.general": "0.20"}),
    ("basic", "30217/50206", "公务接待费/公务接待费", {"total": "0.60", "fiscal": "0.60", "fiscal.general": "0.60"}),
    ("basic", "30228/50201", "工会经费/办公经费", {"total": "5.05", "fiscal": "5.05", "fiscal.general": "5.05"}),
    ("basic", "30239/50201", "其他交通费用/办公经费", {"total": "10.97", "fiscal": "10.97", "fiscal.general": "10.97"}),
    ("basic", "30299/50299", "其他商品和服务支出/其他商品和服务支出", {"total": "1.80", "fiscal": "1.80", "fiscal.general": "1.80"}),
    ("basic", "303/509", "对个人和家庭补助/对个人和家庭的补助", {"total": "8.11", "fiscal": "8.11", "fiscal.general": "8.11"}),
    # (page 2, no 合计 repeated)
    ("basic", "30302/50905", "退休费/离退休费", {"total": "3.00", "fiscal": "3.00", "fiscal.general": "3.00"}),
    ("basic", "30307/50901", "医疗费补助/社会福利和救助", {"total": "0.81", "fiscal": "0.81", "fiscal.general": "0.81"}),
    ("basic", "30399/50999", "其他对个人和家庭的补助/其他对个人和家庭的补助", {"total": "4.30", "fiscal": "4.30", "fiscal.general": "4.30"}),
    ("basic", "310/503", "资本性支出/机关资本性支出", {"total": "0.50", "fiscal": "0.50", "fiscal.general": "0.50"}),
    ("basic", "31002/50306", "办公设备购置/设备购置", {"total": "0.50", "fiscal": "0.50", "fiscal.general": "0.50"}),

    # 公开表11 项目支出预算情况表: 项目名称, 项目类别, then the nine amount columns of 公开表10.
    # The unlabelled first row is the grand total (= Σ the eight projects = 支出表 项目 18,747.37).
    ("projects", "total", "", {"total": "18,747.37", "fiscal": "18,747.37", "fiscal.general": "18,747.37"}),
    ("projects", "project:医保经办辅助服务项目", "医保经办辅助服务项目", {"total": "39.07", "fiscal": "39.07", "fiscal.general": "39.07", "category": "其他运转类"}),
    ("projects", "project:医疗保障工作经费", "医疗保障工作经费", {"total": "80.00", "fiscal": "80.00", "fiscal.general": "80.00", "category": "其他运转类"}),
    ("projects", "project:财政对医保基金的补助项目（长护险、二孩三孩新生儿资助缴费等）", "财政对医保基金的补助项目（长护险、二孩三孩新生儿资助缴费等）", {"total": "900.45", "fiscal": "900.45", "fiscal.general": "900.45", "category": "特定目标类"}),
    ("projects", "project:医保公共服务体系建设项目", "医保公共服务体系建设项目", {"total": "24.00", "fiscal": "24.00", "fiscal.general": "24.00", "category": "特定目标类"}),
    ("projects", "project:促进生物医药和大健康产业发展专项资金", "促进生物医药和大健康产业发展专项资金", {"total": "72.00", "fiscal": "72.00", "fiscal.general": "72.00", "category": "特定目标类"}),
    ("projects", "project:离休干部医疗经费", "离休干部医疗经费", {"total": "515.00", "fiscal": "515.00", "fiscal.general": "515.00", "category": "特定目标类"}),
    ("projects", "project:城乡居民基本医疗保险财政补助", "城乡居民基本医疗保险财政补助", {"total": "16,522.85", "fiscal": "16,522.85", "fiscal.general": "16,522.85", "category": "特定目标类"}),
    ("projects", "project:城乡医疗救助", "城乡医疗救助", {"total": "594.00", "fiscal": "594.00", "fiscal.general": "594.00", "category": "特定目标类"}),

    # 公开表12 政府采购预算表: 合计, 财政拨款 小计/一般公共预算/政府性基金/国有资本经营, 财政专户,
    # 单位资金, 非财政结余, 上年结转; three equal numbers as in 公开表10 (prose: 采购预算 31 万元).
    ("procurement", "total", "合计", {"total": "31.00", "fiscal": "31.00", "fiscal.general": "31.00"}),
    ("procurement", "210", "卫生健康支出", {"total": "31.00", "fiscal": "31.00", "fiscal.general": "31.00"}),
    ("procurement", "21015", "医疗保障管理事务", {"total": "31.00", "fiscal": "31.00", "fiscal.general": "31.00"}),
    ("procurement", "2101501", "行政运行", {"total": "4.40", "fiscal": "4.40", "fiscal.general": "4.40"}),
    ("procurement", "2101502", "一般行政管理事务", {"total": "26.60", "fiscal": "26.60", "fiscal.general": "26.60"}),
]
# fmt: on

# identities the printed tables themselves break (尾数差异): none, every identity that
# tests/test_transcriptions.py checks holds exactly.
PRINTED_MISMATCHES: set[str] = set()
