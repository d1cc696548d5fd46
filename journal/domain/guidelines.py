"""Guideline figures the app measures against, each with its source (one definition each).

The goal templates, the activity chart's line and the doctor's report read these; the help
page (Help > Reference ranges) states them with the same sources.
"""

from __future__ import annotations

# WHO 2020 (Bull et al., Br J Sports Med 2020): adults 150-300 min of moderate activity a
# week, or 75-150 min of vigorous (a vigorous minute counts as two: the ``who_minutes``
# measure).
WHO_WEEKLY_MINUTES = 150.0

# AHA (Johnson et al., Circulation 2009): added sugar at most 100 kcal (25 g) a day for
# women and 150 kcal (36 g) for men.
AHA_ADDED_SUGAR_G = (25.0, 36.0)
