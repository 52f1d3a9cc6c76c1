"""Bot API methods of the local stand-in, answering with Telegram-shaped results."""

from __future__ import annotations

import mimetypes
import struct
import time
import uuid
from collections.abc import Callable
from typing import Any

from localchat.parse_mode import HtmlError, parse_html, plain_text
from localchat.state import JSON, ApiError, ApiState, Chat

Method = Callable[[ApiState, JSON], Any]
METHODS: dict[str, Method] = {}
PARSE_MODES = frozenset({"", "html", "markdown", "markdownv2"})
# Telegram's limits, counted on the text a chat shows (after the parse mode).
TEXT_LIMITS = {
    "text": (4096, "Bad Request: message is too long"),
    "caption": (1024, "Bad Request: message caption is too long"),
}


def method(name: str) -> Callable[[Method], Method]:
    """Register a function as the implementation of a Bot API method."""

    def register(func: Method) -> Method:
        METHODS[name] = func
        return func

    return register


def canonical(name: str) -> str | None:
    """Return the registered spelling of a method; Telegram ignores case in method names."""
    lowered = name.lower()
    return next((known for known in METHODS if known.lower() == lowered), None)


def run(state: ApiState, name: str, params: JSON) -> Any:
    """Run a method under the state lock, as Telegram would, raising ApiError on refusal."""
    with state.lock:
        state.admit(name, params)
        return METHODS[name](state, params)


def message_json(state: ApiState, chat: Chat, entry: JSON) -> JSON:
    """Build the Message Telegram returns for a stored entry."""
    message: JSON = {
        "message_id": entry["message_id"],
        "from": state.bot_user,
        "chat": chat.as_json(),
        "date": entry["date"],
    }
    for key in ("text", "caption"):
        if entry.get(key) is not None:
            message[key] = plain_text(entry[key], entry.get("parse_mode"))
    markup = entry.get("reply_markup")
    # Telegram echoes only inline keyboards; PTB would fail to parse a reply keyboard here.
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    if entry.get("edit_date"):
        message["edit_date"] = entry["edit_date"]
    message.update(entry.get("_media", {}))
    return message


def shown_text(params: JSON, key: str) -> str:
    """Return the text or caption a chat will show, refusing what Telegram refuses."""
    raw, mode = str(params.get(key) or ""), str(params.get("parse_mode") or "").lower()
    if mode not in PARSE_MODES:
        raise ApiError(400, "Bad Request: unsupported parse_mode")
    try:
        text = parse_html(raw) if mode == "html" else raw
    except HtmlError as error:
        raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
    limit, too_long = TEXT_LIMITS[key]
    if len(text) > limit:
        raise ApiError(400, too_long)
    return text


def _chat_for(state: ApiState, params: JSON) -> Chat:
    """Return the chat a call names, or raise Telegram's error for a missing one."""
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise ApiError(400, "Bad Request: chat_id is empty")
    return state.chat(chat_id)


def _store(state: ApiState, method_name: str, params: JSON, **extra: Any) -> JSON:
    """Keep a sent message in its chat's transcript and return it as a Message."""
    chat = _chat_for(state, params)
    if chat.left:
        raise ApiError(403, "Forbidden: bot is not a member of the group chat")
    entry = {**params, **extra, "method": method_name, "date": int(time.time())}
    entry["message_id"] = chat.new_message_id()
    chat.messages[entry["message_id"]] = entry
    chat.events.append(dict(entry))
    return message_json(state, chat, entry)


@method("sendMessage")
def send_message(state: ApiState, params: JSON) -> JSON:
    """Send a text message."""
    if not shown_text(params, "text").strip():
        raise ApiError(400, "Bad Request: message text is empty")
    return _store(state, "sendMessage", params)


def _file_id(kind: str) -> str:
    """Make a file_id that is unique, like Telegram's opaque ones."""
    return f"{kind}-{uuid.uuid4().hex}"


def _png_size(data: bytes) -> tuple[int, int]:
    """Read width and height from a PNG header; other formats get a nominal size."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    return 512, 512


@method("sendPhoto")
def send_photo(state: ApiState, params: JSON) -> JSON:
    """Send a photo, uploaded or by file_id."""
    shown_text(params, "caption")
    data = params.get("_files", {}).get("photo", b"")
    width, height = _png_size(data)
    size = {"file_id": _file_id("photo"), "file_unique_id": uuid.uuid4().hex[:12]}
    size |= {"width": width, "height": height, "file_size": len(data)}
    return _store(state, "sendPhoto", params, _media={"photo": [size]})


@method("sendDocument")
def send_document(state: ApiState, params: JSON) -> JSON:
    """Send a document, uploaded or by file_id."""
    shown_text(params, "caption")
    upload = params.get("document")
    meta = upload if isinstance(upload, dict) else {"filename": "file", "size": 0}
    document = {"file_id": _file_id("document"), "file_unique_id": uuid.uuid4().hex[:12]}
    document |= {"file_name": meta["filename"], "file_size": meta["size"]}
    document["mime_type"] = mimetypes.guess_type(meta["filename"])[0] or "application/octet-stream"
    return _store(state, "sendDocument", params, _media={"document": document})


def _edit(state: ApiState, name: str, params: JSON, changes: JSON) -> JSON | bool:
    """Apply an edit to a sent message, refusing no-op edits like Telegram."""
    if params.get("inline_message_id"):
        return True
    chat = _chat_for(state, params)
    entry = chat.messages.get(params.get("message_id"))
    if entry is None or entry.get("deleted"):
        raise ApiError(400, "Bad Request: message to edit not found")
    if all(entry.get(key) == value for key, value in changes.items()):
        raise ApiError(400, "Bad Request: message is not modified")
    entry.update(changes, edit_date=int(time.time()))
    entry["edited"] = entry.get("edited", 0) + 1
    chat.events.append({**entry, "method": name})
    return message_json(state, chat, entry)


@method("editMessageText")
def edit_message_text(state: ApiState, params: JSON) -> JSON | bool:
    """Replace a message's text (and keyboard, which goes when not given)."""
    if not shown_text(params, "text").strip():
        raise ApiError(400, "Bad Request: message text is empty")
    changes = {k: params.get(k) for k in ("text", "parse_mode", "reply_markup")}
    return _edit(state, "editMessageText", params, changes)


@method("editMessageCaption")
def edit_message_caption(state: ApiState, params: JSON) -> JSON | bool:
    """Replace a photo's or document's caption."""
    shown_text(params, "caption")
    changes = {k: params.get(k) for k in ("caption", "parse_mode", "reply_markup")}
    return _edit(state, "editMessageCaption", params, changes)


@method("editMessageReplyMarkup")
def edit_message_reply_markup(state: ApiState, params: JSON) -> JSON | bool:
    """Replace or remove a message's inline keyboard."""
    changes = {"reply_markup": params.get("reply_markup")}
    return _edit(state, "editMessageReplyMarkup", params, changes)


@method("deleteMessage")
def delete_message(state: ApiState, params: JSON) -> bool:
    """Mark a message deleted; it stays in the transcript, flagged."""
    entry = _chat_for(state, params).messages.get(params.get("message_id"))
    if entry is None or entry.get("deleted"):
        raise ApiError(400, "Bad Request: message to delete not found")
    entry["deleted"] = True
    return True


@method("leaveChat")
def leave_chat(state: ApiState, params: JSON) -> bool:
    """Leave a group; nothing more can be sent there."""
    chat = _chat_for(state, params)
    if chat.left:
        raise ApiError(403, "Forbidden: bot is not a member of the group chat")
    chat.left = True
    return True


@method("getMe")
def get_me(state: ApiState, params: JSON) -> JSON:
    """Describe the bot."""
    return state.bot_user


@method("getUpdates")
def get_updates(state: ApiState, params: JSON) -> list[JSON]:
    """Return queued updates without waiting (the server adds long polling)."""
    return state.take_updates(int(params.get("offset") or 0), int(params.get("limit") or 100))


@method("setMyCommands")
def set_my_commands(state: ApiState, params: JSON) -> bool:
    """Store the command menu."""
    state.commands = list(params.get("commands") or [])
    return True


@method("getMyCommands")
def get_my_commands(state: ApiState, params: JSON) -> list[JSON]:
    """Return the command menu."""
    return state.commands


@method("deleteMyCommands")
def delete_my_commands(state: ApiState, params: JSON) -> bool:
    """Clear the command menu."""
    state.commands = []
    return True


@method("setWebhook")
def set_webhook(state: ApiState, params: JSON) -> bool:
    """Remember the webhook; getUpdates then answers 409 like Telegram."""
    state.webhook = {"url": params.get("url") or ""}
    return True


@method("deleteWebhook")
def delete_webhook(state: ApiState, params: JSON) -> bool:
    """Forget the webhook, dropping queued updates when asked."""
    state.webhook = {}
    if params.get("drop_pending_updates"):
        state.updates.clear()
    return True


@method("getWebhookInfo")
def get_webhook_info(state: ApiState, params: JSON) -> JSON:
    """Describe the webhook."""
    url = state.webhook.get("url", "")
    return {"url": url, "has_custom_certificate": False, "pending_update_count": len(state.updates)}


def _true(state: ApiState, params: JSON) -> bool:
    """Accept the call and do nothing."""
    return True


@method("answerCallbackQuery")
def answer_callback_query(state: ApiState, params: JSON) -> bool:
    """Answer a button press; a text shows in that chat as a pop-up, or an alert to dismiss."""
    pressed = state.queries.get(str(params.get("callback_query_id")))
    if pressed is not None and params.get("text"):
        chat_id, message_id = pressed
        answer = {"method": "answerCallbackQuery", "message_id": message_id}
        answer |= {"text": str(params["text"]), "show_alert": bool(params.get("show_alert"))}
        state.chat(chat_id).events.append(answer)
    return True


for _name in ("sendChatAction", "logOut", "close"):
    METHODS[_name] = _true
