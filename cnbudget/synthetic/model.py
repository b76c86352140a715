"""A random but arithmetically exact department budget, independent of any layout.

Money is held as integers in units of 0.01 万元 (``fen`` below); every printed table is
an aggregation of the budget's atomic ``Line`` records, so all totals, splits and
cross-table identities hold by construction.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from cnbudget.synthetic import catalog
from cnbudget.synthetic.catalog import Domain

# funding sources of a line
GENERAL = "general"  # 本年一般公共预算
GOV_FUND = "gov_fund"  # 本年政府性基金预算
CARRY_GENERAL = "carry_general"  # 上年结转（一般公共预算）
CARRY_GOV_FUND = "carry_gov_fund"  # 上年结转（政府性基金预算）

# kinds of a line
WAGES = "wages"  # 人员经费 › 工资福利支出 (301)
HOUSEHOLDS = "households"  # 人员经费 › 对个人和家庭的补助 (303)
PUBLIC = "public"  # 公用经费 (302, 310)
OPERATING = "operating"  # 项目支出 › 其他运转类
SPECIFIC = "specific"  # 项目支出 › 特定目标类

CATEGORY_NAMES = {OPERATING: "其他运转类", SPECIFIC: "特定目标类"}

PROVINCES = {
    "licheng": "shandong",
    "yantai": "shandong",
    "weihai": "shandong",
    "jiyuan": "henan",
    "fengrun": "hebei",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A budget unit (预算单位): code (Henan prints it), name, 事业单位 or not."""

    code: str
    name: str
    institution: bool


@dataclass(frozen=True, slots=True)
class Project:
    """A project (项目): printed name, category kind, owning unit index."""

    name: str
    kind: str  # OPERATING or SPECIFIC
    unit: int


@dataclass(frozen=True, slots=True)
class Line:
    """One atomic amount: unit × function code × economic code × kind × source."""

    unit: int
    function: str  # 7-digit function classification code
    kind: str
    economic: str  # 5-digit department economic code
    government: str  # 5-digit government economic code
    project: int  # index into Budget.projects, -1 for basic expenditure
    source: str
    amount: int  # fen (0.01 万元)
    grant: int  # part of a GENERAL amount that is 其中：财政拨款


@dataclass(slots=True)
class Sums:
    """Column sums of a set of lines."""

    total: int = 0
    wages: int = 0
    households: int = 0
    public: int = 0
    operating: int = 0
    specific: int = 0
    general: int = 0
    grant: int = 0
    gov_fund: int = 0
    carry_general: int = 0
    carry_gov_fund: int = 0

    def add(self, line: Line) -> None:
        amount = line.amount
        self.total += amount
        kind = line.kind
        if kind == WAGES:
            self.wages += amount
        elif kind == HOUSEHOLDS:
            self.households += amount
        elif kind == PUBLIC:
            self.public += amount
        elif kind == OPERATING:
            self.operating += amount
        else:
            self.specific += amount
        source = line.source
        if source == GENERAL:
            self.general += amount
            self.grant += line.grant
        elif source == GOV_FUND:
            self.gov_fund += amount
        elif source == CARRY_GENERAL:
            self.carry_general += amount
        else:
            self.carry_gov_fund += amount

    def merge(self, other: Sums) -> None:
        """Add another set of sums to this one."""
        self.total += other.total
        self.wages += other.wages
        self.households += other.households
        self.public += other.public
        self.operating += other.operating
        self.specific += other.specific
        self.general += other.general
        self.grant += other.grant
        self.gov_fund += other.gov_fund
        self.carry_general += other.carry_general
        self.carry_gov_fund += other.carry_gov_fund

    @property
    def personnel(self) -> int:
        return self.wages + self.households

    @property
    def basic(self) -> int:
        return self.wages + self.households + self.public

    @property
    def project(self) -> int:
        return self.operating + self.specific

    @property
    def fiscal(self) -> int:
        """本年财政拨款 (current-year appropriations)."""
        return self.general + self.gov_fund

    @property
    def carryover(self) -> int:
        return self.carry_general + self.carry_gov_fund

    @property
    def general_all(self) -> int:
        """一般公共预算 including its carry-over."""
        return self.general + self.carry_general

    @property
    def gov_fund_all(self) -> int:
        """政府性基金预算 including its carry-over."""
        return self.gov_fund + self.carry_gov_fund


def sum_lines(lines: Iterable[Line]) -> Sums:
    """Sums of some lines."""
    sums = Sums()
    for line in lines:
        sums.add(line)
    return sums


def by_function(lines: Iterable[Line]) -> dict[str, Sums]:
    """Sums per function code at every level (3, 5 and 7 digits), in code order."""
    leaves: dict[str, Sums] = {}
    for line in lines:
        sums = leaves.get(line.function)
        if sums is None:
            sums = leaves[line.function] = Sums()
        sums.add(line)
    table = dict(leaves)
    for code, sums in leaves.items():
        for key in (code[:3], code[:5]):
            parent = table.get(key)
            if parent is None:
                parent = table[key] = Sums()
            parent.merge(sums)
    return {key: table[key] for key in sorted(table)}


@dataclass(slots=True)
class Budget:
    """The model: department, units, projects, lines and a few side tables."""

    layout: str
    province: str
    department: str
    dept_code: str
    year: int
    scope: str
    domain: Domain
    units: list[Unit]
    projects: list[Project]
    lines: list[Line]
    prior_three_public: dict[str, int] = field(default_factory=dict)
    procurement: dict[str, int] = field(default_factory=dict)

    def basic_lines(self) -> list[Line]:
        return [line for line in self.lines if line.project < 0]

    def economic_amount(self, code: str) -> int:
        """Basic expenditure on one economic code (all basic spending is 一般公共预算)."""
        return sum(line.amount for line in self.lines if line.project < 0 and line.economic == code)

    def three_public(self) -> dict[str, int]:
        """The “三公” items of the budget year, read from basic expenditure."""
        overseas = self.economic_amount(catalog.OVERSEAS)
        purchase = self.economic_amount(catalog.VEHICLE_PURCHASE)
        operation = self.economic_amount(catalog.VEHICLE_OPERATION)
        reception = self.economic_amount(catalog.RECEPTION)
        return three_public_items(overseas, purchase, operation, reception)

    @property
    def has_gov_fund(self) -> bool:
        return any(line.source in (GOV_FUND, CARRY_GOV_FUND) for line in self.lines)


def three_public_items(
    overseas: int, purchase: int, operation: int, reception: int
) -> dict[str, int]:
    """The six “三公” figures from the four items."""
    vehicles = purchase + operation
    return {
        "total": overseas + vehicles + reception,
        "overseas": overseas,
        "vehicles": vehicles,
        "vehicles.purchase": purchase,
        "vehicles.operation": operation,
        "reception": reception,
    }


# --- random generation ------------------------------------------------------------------


def _log_amount(rng: random.Random, low: float, high: float) -> int:
    """A log-uniform amount in fen between low and high 万元 (at least 1 fen)."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    return max(1, round(value * 100))


def _split(rng: random.Random, amount: int, parts: int) -> list[int]:
    """Split an amount into positive parts (fewer parts when too small)."""
    parts = max(1, min(parts, amount))
    cuts = sorted(rng.sample(range(1, amount), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, amount]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def _place(rng: random.Random, province: str) -> tuple[str, str]:
    """(prefix of the department name, short place name for institutions)."""
    if province == "shandong":
        city = rng.choice(catalog.SHANDONG_CITIES)
    elif province == "henan":
        if rng.random() < 0.25:
            return "济源产城融合示范区", "济源产城融合示范区"
        city = rng.choice(catalog.HENAN_CITIES)
    else:
        city = rng.choice(catalog.HEBEI_CITIES)
    district = rng.choice(catalog.DISTRICTS[province])
    if province == "hebei" and rng.random() < 0.6:
        return district, district
    if rng.random() < 0.3:
        return city, city
    return city + district, city + district


def _unit_names(rng: random.Random, domain: Domain, prefix: str) -> str:
    bureau = domain.bureau
    if bureau == "卫生健康局" and rng.random() < 0.4:
        bureau = "卫生健康委员会"
    return prefix + bureau


def _run_code(domain: Domain, unit: Unit) -> str:
    return domain.inst_run if unit.institution else domain.admin_run


def _basic_lines(rng: random.Random, domain: Domain, units: list[Unit]) -> list[Line]:
    lines: list[Line] = []

    def add(index: int, function: str, kind: str, economic: str, amount: int) -> None:
        if amount <= 0:
            return
        unit = units[index]
        entry = catalog.ECONOMICS[economic]
        government = entry.gov_inst if unit.institution else entry.gov_admin
        lines.append(Line(index, function, kind, economic, government, -1, GENERAL, amount, amount))

    for index, unit in enumerate(units):
        run = _run_code(domain, unit)
        staff = rng.randint(3, 60)
        per_head = rng.uniform(2.5, 6.0)
        wage_sum = 0
        for code, weight in catalog.WAGE_ITEMS:
            if code not in ("30101", "30102") and rng.random() < 0.3:
                continue
            amount = round(staff * per_head * weight * rng.uniform(0.6, 1.4) * 100)
            wage_sum += amount
            add(index, run, WAGES, code, amount)
        medical = catalog.MEDICAL_INST if unit.institution else catalog.MEDICAL_ADMIN
        pension = catalog.PENSION_INST if unit.institution else catalog.PENSION_ADMIN
        add(index, catalog.PENSION_INSURANCE, WAGES, "30108", round(wage_sum * 0.16))
        if rng.random() < 0.85:
            add(index, catalog.OCCUPATIONAL_ANNUITY, WAGES, "30109", round(wage_sum * 0.08))
        add(index, medical, WAGES, "30110", round(wage_sum * rng.uniform(0.06, 0.09)))
        if not unit.institution and rng.random() < 0.6:
            civil = round(wage_sum * rng.uniform(0.03, 0.05))
            add(index, catalog.CIVIL_SERVANT_MEDICAL, WAGES, "30111", civil)
        if rng.random() < 0.8:
            add(index, run, WAGES, "30112", round(wage_sum * rng.uniform(0.005, 0.04)) + 1)
        add(index, catalog.HOUSING_FUND, WAGES, "30113", round(wage_sum * 0.12))
        if rng.random() < 0.25:
            add(index, run, WAGES, "30199", _log_amount(rng, 0.5, 80))
        # 对个人和家庭的补助
        if rng.random() < 0.5:
            add(index, pension, HOUSEHOLDS, "30302", _log_amount(rng, 0.5, 120))
        if rng.random() < 0.1:
            add(index, pension, HOUSEHOLDS, "30301", _log_amount(rng, 0.5, 40))
        for code in ("30305", "30307", "30309", "30399"):
            if rng.random() < 0.25:
                add(index, run, HOUSEHOLDS, code, _log_amount(rng, 0.01, 20))
        # 公用经费
        count = rng.randint(3, 12)
        for code in rng.sample(catalog.PUBLIC_ITEMS, count):
            add(index, run, PUBLIC, code, _log_amount(rng, 0.01, 3 + staff * 0.8))
        optional = (
            (catalog.RECEPTION, 0.6, 6.0),
            (catalog.VEHICLE_OPERATION, 0.5, 15.0),
            (catalog.OVERSEAS, 0.05, 20.0),
            (catalog.MEETINGS, 0.4, 8.0),
            (catalog.TRAINING, 0.5, 8.0),
            ("31002", 0.3, 20.0),
            (catalog.VEHICLE_PURCHASE, 0.04, 30.0),
        )
        for code, probability, high in optional:
            if rng.random() < probability:
                add(index, run, PUBLIC, code, _log_amount(rng, 0.01, high))
    return lines


def _project_name(rng: random.Random, budget_year: int, domain: Domain, province: str) -> str:
    template = rng.choice(catalog.LONG_PROJECT_TEMPLATES)
    return template.format(
        province=catalog.PROVINCE_ABBREVIATIONS[province],
        prior=budget_year - 1,
        year=budget_year,
        number=rng.randint(10, 260),
        short=domain.short,
    )


def _project_lines(
    rng: random.Random,
    index: int,
    project: Project,
    function: str,
    unit: Unit,
    amount: int,
    source: str,
) -> list[Line]:
    pool = (
        catalog.PROJECT_ECONOMICS_OPERATING
        if project.kind == OPERATING
        else catalog.PROJECT_ECONOMICS_SPECIFIC
    )
    parts = _split(rng, amount, 1 if rng.random() < 0.6 else 2)
    codes = rng.sample(pool, len(parts))
    lines = []
    for part, code in zip(parts, codes, strict=True):
        entry = catalog.ECONOMICS[code]
        government = entry.gov_inst if unit.institution else entry.gov_admin
        lines.append(
            Line(project.unit, function, project.kind, code, government, index, source, part, part)
        )
    return lines


def build_budget(rng: random.Random, layout: str) -> Budget:
    """Draw a random budget suited to a layout (units, sources and tables it can print)."""
    province = PROVINCES[layout]
    domain = rng.choice(catalog.DOMAINS)
    year = rng.randint(2023, 2026)
    prefix, place = _place(rng, province)
    department = _unit_names(rng, domain, prefix)
    scope = rng.choice(("部门", "单位")) if province == "shandong" else "部门"
    if layout == "weihai" and scope == "单位" and rng.random() < 0.5:
        department += "机关"  # Weihai names the unit itself: “…医疗保障局机关”
    dept_code = f"{rng.randint(1, 999):03d}"
    units = [Unit(dept_code + "001", department, False)]
    if province in ("henan", "hebei") and rng.random() < 0.6:
        units.append(Unit(dept_code + "002", place + domain.institution, True))

    lines = _basic_lines(rng, domain, units)

    # projects
    projects: list[Project] = []
    used: set[str] = set()
    specific_pool = list(domain.projects)
    operating_pool = list(catalog.GENERIC_OPERATING_PROJECTS)
    rng.shuffle(specific_pool)
    rng.shuffle(operating_pool)
    count = rng.randint(2, 12)
    for _ in range(count):
        unit_index = rng.randrange(len(units))
        unit = units[unit_index]
        if rng.random() < 0.12:
            name = _project_name(rng, year, domain, province)
            function = rng.choice(domain.projects)[1]
            kind = SPECIFIC
        elif specific_pool and rng.random() < 0.6:
            name, function = specific_pool.pop()
            kind = SPECIFIC
        elif operating_pool:
            name = operating_pool.pop()
            function = _run_code(domain, unit) if rng.random() < 0.3 else domain.general_affairs
            kind = OPERATING
        else:
            continue
        if name in used:
            continue
        used.add(name)
        if province == "henan" and rng.random() < 0.5:
            name = (
                f"{domain.short}{rng.choice(('综合业务管理', '专项业务', '能力提升专项'))}-{name}"
            )
        project = Project(name, kind, unit_index)
        high = 800.0 if kind == OPERATING else 30000.0
        amount = _log_amount(rng, 0.5, high)
        projects.append(project)
        lines.extend(
            _project_lines(rng, len(projects) - 1, project, function, unit, amount, GENERAL)
        )

    # government-fund projects
    fund_probability = 0.5 if province == "henan" else 0.3
    if rng.random() < fund_probability:
        funds = list(domain.gov_fund) or [("其他国有土地使用权出让收入安排的项目", "2120899")]
        rng.shuffle(funds)
        for name, function in funds[: rng.randint(1, 2)]:
            if name in used:
                continue
            used.add(name)
            unit_index = rng.randrange(len(units))
            project = Project(name, SPECIFIC, unit_index)
            amount = _log_amount(rng, 5, 5000)
            projects.append(project)
            lines.extend(
                _project_lines(
                    rng, len(projects) - 1, project, function, units[unit_index], amount, GOV_FUND
                )
            )

    # carry-over (上年结转): part of some project lines is paid from last year's money
    if rng.random() < 0.35:
        candidates = [
            i
            for i, line in enumerate(lines)
            if line.project >= 0
            and line.amount >= 2
            and (line.source == GOV_FUND or province != "henan")
        ]
        for i in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            line = lines[i]
            carried = rng.randint(1, line.amount - 1) if rng.random() < 0.7 else line.amount
            source = CARRY_GOV_FUND if line.source == GOV_FUND else CARRY_GENERAL
            rest = line.amount - carried
            lines[i] = Line(
                line.unit,
                line.function,
                line.kind,
                line.economic,
                line.government,
                line.project,
                source,
                carried,
                0,
            )
            if rest:
                lines.append(
                    Line(
                        line.unit,
                        line.function,
                        line.kind,
                        line.economic,
                        line.government,
                        line.project,
                        line.source,
                        rest,
                        rest if line.source == GENERAL else 0,
                    )
                )

    # 上级提前下达 (Henan prints the 其中：财政拨款 part of 一般公共预算)
    if province == "henan" and rng.random() < 0.4:
        general_projects = sorted(
            {line.project for line in lines if line.project >= 0 and line.source == GENERAL}
        )
        chosen = set(rng.sample(general_projects, min(len(general_projects), rng.randint(1, 2))))
        lines = [
            Line(
                line.unit,
                line.function,
                line.kind,
                line.economic,
                line.government,
                line.project,
                line.source,
                line.amount,
                0,
            )
            if line.project in chosen and line.source == GENERAL
            else line
            for line in lines
        ]

    # the same project name under two units (Henan lists projects per unit)
    if province == "henan" and len(units) > 1 and rng.random() < 0.3:
        own = [i for i, project in enumerate(projects) if project.kind == OPERATING]
        if own:
            original = projects[rng.choice(own)]
            other = 1 - original.unit if original.unit < 2 else 0
            twin = Project(original.name, original.kind, other)
            projects.append(twin)
            function = _run_code(domain, units[other])
            amount = _log_amount(rng, 0.5, 200)
            lines.extend(
                _project_lines(
                    rng, len(projects) - 1, twin, function, units[other], amount, GENERAL
                )
            )

    budget = Budget(
        layout=layout,
        province=province,
        department=department,
        dept_code=dept_code,
        year=year,
        scope=scope,
        domain=domain,
        units=units,
        projects=projects,
        lines=lines,
    )

    # previous year's “三公” budget
    current = budget.three_public()
    prior: dict[str, int] = {}
    for key in ("overseas", "vehicles.purchase", "vehicles.operation", "reception"):
        value = current[key]
        roll = rng.random()
        if roll < 0.4:
            prior[key] = value
        elif roll < 0.7:
            prior[key] = 0
        else:
            prior[key] = _log_amount(rng, 0.01, 20)
    budget.prior_three_public = three_public_items(
        prior["overseas"],
        prior["vehicles.purchase"],
        prior["vehicles.operation"],
        prior["reception"],
    )

    # government procurement (Shandong table 12), from 一般公共预算 spending
    if province == "shandong":
        general = by_function(line for line in lines if line.source == GENERAL)
        leaves = [code for code in general if len(code) == 7]
        for code in rng.sample(leaves, min(len(leaves), rng.randint(1, 4))):
            available = general[code].general
            budget.procurement[code] = max(1, round(available * rng.uniform(0.02, 1.0)))
    return budget
