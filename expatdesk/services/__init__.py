"""What the views ask of the data: lists, searches and records, without Qt.

Each module answers the questions of one area (:mod:`.expats`, :mod:`.employers`) with plain
values and frozen dataclasses, never ORM objects, so a view cannot trigger a hidden query; the
shared machinery of long, sorted, searchable lists lives in :mod:`.listing`.
"""
