"""Static catalogue data: the markets and occasions Glocal ships with."""
