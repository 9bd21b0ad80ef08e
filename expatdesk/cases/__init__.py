"""Cases and the services delivered on them.

:mod:`.workflow` opens a case and changes it (status, owner, notes, search key); :mod:`.statuses`
names the statuses and the steps between them; :mod:`.detail` reads one case for its page;
:mod:`.tasks` and :mod:`.services` change its tasks and its services with their checklists;
:mod:`.listing` is the list of cases; :mod:`.deliveries` the catalogue, walk-ins and a client's
deliveries; :mod:`.linked` the cases and deliveries a client's page lists.
"""
