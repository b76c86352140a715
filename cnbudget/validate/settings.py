"""Validation thresholds as settings: defaults, a TOML file, and the settings of the current run."""

from __future__ import annotations

import tomllib
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning", "info"]
HALF_CENT = Decimal("0.005")  # the rounding interval of an amount printed to the cent


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds used by the rules (docs/validation.md explains each one).

    A printed amount stands for an interval of ± half its last digit; a sum whose
    intervals overlap holds. A gap within the intervals (half a cent per printed amount)
    plus `rounding_gap` is a rounding difference (尾数差异, info); a larger gap up to
    `warning_gap` is a warning; anything larger is an error.
    """

    rounding_gap: Decimal = Decimal("0.01")
    warning_gap: Decimal = Decimal("0")
    # prose figures are compared at their printed precision, plus this slack
    narrative_slack: Decimal = Decimal("0")
    # an amount (万元) above this is implausible for one department: probably 元 printed as 万元
    implausible_amount: Decimal = Decimal("10000000")
    # a table printing amounts this many times the same figure elsewhere suggests a unit slip
    unit_ratio: Decimal = Decimal("10000")
    # 解析存疑: a cell read below this confidence (columns inferred from positions or
    # assignment left ambiguous by the sums, 0.5) makes a finding about our reading, not
    # the document. Kept certain: an assignment chosen among tied ones by the usual
    # layout (0.6), and a row whose numbers break its identity under every assignment
    # (0.7: that is the document's arithmetic, not a doubt about the reading).
    doubt_confidence: Decimal = Decimal("0.6")
    # ... and so does a parser notice (unrecognised row, uncaptured amount …) of the same
    # table within this many lines of the rows involved
    doubt_distance: Decimal = Decimal("2")

    def severity(self, gap: Decimal, addends: int = 1, scale: Decimal = Decimal(1)) -> Level:
        """The severity of an arithmetic gap between a total and its `addends` parts.

        `scale` shrinks the rounding allowance for amounts printed finer than the cent of
        a 万元 (a table in 元: 0.01 for whole 元), so a 10 元 slip there is not a tail."""
        gap = abs(gap)
        intervals = HALF_CENT * (max(addends, 1) + 1)  # the total's and each part's
        if gap <= (intervals + self.rounding_gap) * scale:
            return "info"
        if gap <= self.warning_gap:
            return "warning"
        return "error"


DEFAULT = Settings()
_CURRENT: ContextVar[Settings] = ContextVar("cnbudget_validation_settings", default=DEFAULT)


def current() -> Settings:
    """The settings of the validation run in progress (defaults outside a run)."""
    return _CURRENT.get()


def use(settings: Settings) -> object:
    """Make `settings` current; returns a token for `reset`."""
    return _CURRENT.set(settings)


def reset(token: object) -> None:
    _CURRENT.reset(token)  # type: ignore[arg-type]


class SettingsError(ValueError):
    """A settings file that cannot be used; the message is Chinese and names the key."""


def load(path: str | Path) -> Settings:
    """Read settings from a TOML file: a `[validation]` table of the fields above."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"无法读取设置文件（{exc}）") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"设置文件不是合法的 TOML（{exc}）") from exc
    table = data.get("validation", data)
    if not isinstance(table, dict):
        raise SettingsError("[validation] 必须是一个表")
    known = {f.name for f in fields(Settings)}
    values: dict[str, Decimal] = {}
    for key, raw in table.items():
        if key not in known:
            raise SettingsError(f"未知的设置项 {key}（可用：{'、'.join(sorted(known))}）")
        try:
            value = Decimal(str(raw))
        except InvalidOperation as exc:
            raise SettingsError(f"设置项 {key} 的值 {raw!r} 不是数字") from exc
        if value < 0:
            raise SettingsError(f"设置项 {key} 不能为负数")
        values[key] = value
    return replace(DEFAULT, **values)
