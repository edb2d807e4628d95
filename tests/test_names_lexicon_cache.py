"""The name rules cache register lookups; a register that grows must be seen at once."""

from __future__ import annotations

from tei_toolkit.register import Entry, Register
from tei_toolkit.rules import Context, find_marks
from tei_toolkit.rules.names import names

TEXT = "The delegation met the Khural Presidium Group at noon."


def _refs(register: Register) -> list[str]:
    ctx = Context(register=register)
    return [m.attr_dict()["ref"] for m in find_marks(TEXT, ctx, rules=(names,))]


def test_an_entry_added_after_a_conversion_is_matched():
    register = Register()
    assert "#khural" not in _refs(register)
    register.add(Entry("khural", "org", "Khural Presidium Group"))
    assert _refs(register) == ["#khural"]
