"""The log record rewrite: exception messages and other libraries' values never reach a log."""

import logging

from bot.log_safety import HIDDEN, make_record_safe, traceback_without_messages


def record(name: str, msg: object, args: object = (), exc: BaseException | None = None):
    made = logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, None)
    if exc is not None:
        made.exc_info = (type(exc), exc, exc.__traceback__)
    make_record_safe(made)
    return made


def raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_other_libraries_keep_numbers_and_lose_everything_else():
    made = record("telegram.ext.Updater", "update %d from %s: %r", (7, "Anna", {"text": "hi"}))
    assert made.getMessage() == f"update 7 from {HIDDEN}: '{HIDDEN}'"
    made = record("tornado.general", "%(ip)s sent %(size)d bytes", ({"ip": "1.2.3.4", "size": 9},))
    assert made.getMessage() == f"{HIDDEN} sent 9 bytes"


def test_migrations_still_say_which_revision_runs():
    made = record("alembic.runtime.migration", "Running upgrade %s -> %s", ("0001", "0002"))
    assert made.getMessage() == "Running upgrade 0001 -> 0002"


def test_a_template_that_needs_a_hidden_value_as_a_number_is_kept_bare():
    made = record("telegram.Bot", "token %d rejected", ("123:abc",))
    assert made.getMessage() == "token %d rejected"


def test_a_message_that_is_not_text_is_named_not_shown():
    assert record("asyncio", ValueError("Anna's secret")).getMessage() == f"ValueError ({HIDDEN})"


def test_our_own_values_stay_but_exception_messages_go():
    error = raised(ValueError("the token 123:abc was rejected"))
    made = record("bot.handlers.errors", "update %s", (5,), error)
    written = logging.Formatter().format(made)
    assert "update 5" in written and "ValueError" in written and "123:abc" not in written


def test_a_chain_of_exceptions_keeps_every_type_and_frame():
    name = "".join(["An", "na"])  # built at run time: tracebacks show source lines, not values
    try:
        try:
            raise KeyError(name)
        except KeyError as inner:
            raise RuntimeError(f"while storing {name}") from inner
    except RuntimeError as outer:
        text = traceback_without_messages(outer)
    assert name not in text
    assert text.index("builtins.KeyError") < text.index("builtins.RuntimeError")
    assert text.count("Traceback (most recent call last):") == 2
    assert "test_a_chain_of_exceptions_keeps_every_type_and_frame" in text
