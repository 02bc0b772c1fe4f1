"""Defaults for reading input records, apart from the readers (geo.inputs) so that the command line can
show them without importing what reading needs."""

# Longer texts are skipped, not processed: a news article is rarely over 60,000 characters, and the
# pipeline takes about 30 s per million characters, so a 50 MB "article" (a mis-split archive, a log
# file) would hold a worker for half an hour for nothing useful.
MAX_CHARS = 100_000
# Field names tried in turn when the user names none (matched without regard to case).
TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "maintext")
ID_FIELDS = ("id", "guid", "url", "link")
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "pubdate", "datetime", "timestamp")
