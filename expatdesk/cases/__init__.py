"""Cases and the services delivered on them: workflow, checklists, tasks, notes."""
