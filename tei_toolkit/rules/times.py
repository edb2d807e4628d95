"""Times rules (to be filled by the entity-markup work)."""
RULES = ()
