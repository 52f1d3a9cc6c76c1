"""Hear talk of suicide and self-harm in many languages and disguises (pure).

`assess(text)` returns a `Risk`: NONE, CONCERN (a passive wish or an ambiguous message: ask
gently whether the person is safe) or HIGH (intent, a plan, means, preparation, an attempt
or self-harm: give the crisis resources at once).
"""

from bot.safety.detect import Assessment, assess, explain, warm_up
from bot.safety.lexicon import Risk

__all__ = ["Assessment", "Risk", "assess", "explain", "warm_up"]
