"""The desk's home: what needs attention today (:mod:`.dashboard`, with the recently changed
records of :mod:`.recent_changes`), and Go to (:mod:`.quick_open`)."""
