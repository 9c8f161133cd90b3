"""Route handlers, one module per noun: parse, call ``project.<noun>.<verb>()``, render."""
