"""Logging set-up: plain lines, or one JSON object a line (LOG_FORMAT=json) for log shippers.

The JSON lines hold what the plain ones hold (a record's message, made safe at INFO and above
as records are made) and, of a record's extra fields, only numbers named in SAFE_EXTRAS, such
as the update or delivery a line is about: nothing a user typed rides along in an extra.
"""

import json
import logging
import sys
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Extras a log call may pass (extra={"update_id": ...}) that JSON lines carry as fields.
SAFE_EXTRAS = ("update_id", "delivery_id", "count")
QUIET_LIBRARIES = {
    "httpx": logging.WARNING,  # logs every request URL at INFO, and those URLs carry the token
    "apscheduler": logging.WARNING,
}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, safe extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in SAFE_EXTRAS:
            value = getattr(record, name, None)
            if isinstance(value, int | float) and not isinstance(value, bool):
                entry[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:  # made safe with the record (a traceback without messages)
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str, log_format: str) -> None:
    """Send every log record to stderr, as plain lines or JSON, at the given level."""
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for name, quiet in QUIET_LIBRARIES.items():
        logging.getLogger(name).setLevel(quiet)
