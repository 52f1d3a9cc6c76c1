"""Updates shaped like Telegram's, built for the local Bot API stand-in to serve."""

from __future__ import annotations

import time
import uuid
from typing import Any

from localchat.methods import message_json
from localchat.state import JSON, ApiState, Chat


class UpdateBuilders:
    """Build and queue updates from a user in their private chat (chat id == user id)."""

    state: ApiState

    def push_update(self, update: JSON) -> int:
        """Queue an update for getUpdates and return its update_id."""
        return self.state.push_update(update)

    def message_update(
        self, user_id: int, text: str, *, first_name: str = "Sam", language: str = "en"
    ) -> JSON:
        """Build a text message update; a leading /command gets its bot_command entity."""
        update = self._message(user_id, first_name, text=text)
        update["message"]["from"]["language_code"] = language
        if text.startswith("/"):
            # CommandHandler ignores a "/start" text without this entity.
            command = text.split(maxsplit=1)[0]
            entity = {"type": "bot_command", "offset": 0, "length": len(command)}
            update["message"]["entities"] = [entity]
        return update

    def location_update(
        self, user_id: int, lat: float, lon: float, *, first_name: str = "Sam"
    ) -> JSON:
        """Build a shared-location update."""
        location = {"latitude": lat, "longitude": lon}
        return self._message(user_id, first_name, location=location)

    def sticker_update(self, user_id: int, *, first_name: str = "Sam") -> JSON:
        """Build a sticker update."""
        sticker = {"file_id": f"sticker-{uuid.uuid4().hex}", "file_unique_id": "st1"}
        sticker |= {"type": "regular", "width": 512, "height": 512, "emoji": "🙂"}
        sticker |= {"is_animated": False, "is_video": False}
        return self._message(user_id, first_name, sticker=sticker)

    def photo_update(
        self, user_id: int, *, caption: str | None = None, first_name: str = "Sam"
    ) -> JSON:
        """Build a photo update, with an optional caption."""
        size = {"file_id": f"photo-{uuid.uuid4().hex}", "file_unique_id": "ph1"}
        size |= {"width": 640, "height": 480, "file_size": 20480}
        extra = {"caption": caption} if caption is not None else {}
        return self._message(user_id, first_name, photo=[size], **extra)

    def edited_message_update(self, user_id: int, message_id: int, text: str) -> JSON:
        """Build the update Telegram sends when the user edits one of their earlier messages."""
        chat = self.state.chat(user_id)
        with self.state.lock:
            message = {"message_id": message_id, "from": _user(user_id, chat.first_name)}
            message |= {"chat": chat.as_json(), "date": int(time.time()) - 60, "text": text}
            message["edit_date"] = int(time.time())
        return {"update_id": self.state.next_update_id(), "edited_message": message}

    def voice_update(
        self, user_id: int, *, video_note: bool = False, caption: str | None = None
    ) -> JSON:
        """Build a voice note (or a round video note) update; a voice note may have a caption."""
        media = {"file_id": f"voice-{uuid.uuid4().hex}", "file_unique_id": "vo1", "duration": 7}
        if video_note:
            return self._message(user_id, "Sam", video_note=media | {"length": 240})
        extra = {"caption": caption} if caption is not None else {}
        return self._message(user_id, "Sam", voice=media | {"mime_type": "audio/ogg"}, **extra)

    def callback_update(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int | None = None,
        message_text: str | None = None,
        first_name: str = "Sam",
        chat_id: int | None = None,
    ) -> JSON:
        """Build a button press on a bot message (by default the latest one with a keyboard),
        in the user's private chat or in the chat_id given (a group)."""
        chat = self.state.chat(user_id if chat_id is None else chat_id)
        with self.state.lock:
            chat.first_name = first_name
            message = _pressed_message(self.state, chat, message_id, message_text)
            query = {"id": uuid.uuid4().hex[:16], "from": _user(user_id, first_name)}
            self.state.queries[query["id"]] = (user_id, message["message_id"])
        query |= {"chat_instance": f"local-{chat.id}", "data": data, "message": message}
        return {"update_id": self.state.next_update_id(), "callback_query": query}

    def added_to_group_update(self, group_id: int, by_user_id: int) -> JSON:
        """Build the update Telegram sends when someone adds the bot to a group (id < 0)."""
        chat = self.state.chat(group_id)
        member = {"user": self.state.bot_user}
        change = {
            "chat": chat.as_json(),
            "from": _user(by_user_id, "Sam"),
            "date": int(time.time()),
            "old_chat_member": member | {"status": "left"},
            "new_chat_member": member | {"status": "member"},
        }
        return {"update_id": self.state.next_update_id(), "my_chat_member": change}

    def group_message_update(self, group_id: int, user_id: int, text: str) -> JSON:
        """Build a text message from a user in a group."""
        chat = self.state.chat(group_id)
        with self.state.lock:
            message = {"message_id": chat.new_message_id(), "from": _user(user_id, "Sam")}
            message |= {"chat": chat.as_json(), "date": int(time.time()), "text": text}
        return {"update_id": self.state.next_update_id(), "message": message}

    def _message(self, user_id: int, first_name: str, **content: Any) -> JSON:
        """Build a message update from a user in their private chat."""
        chat = self.state.chat(user_id)
        with self.state.lock:
            chat.first_name = first_name
            message = {"message_id": chat.new_message_id(), "from": _user(user_id, first_name)}
            message |= {"chat": chat.as_json(), "date": int(time.time()), **content}
        return {"update_id": self.state.next_update_id(), "message": message}


def _user(user_id: int, first_name: str) -> JSON:
    """Build the User a private chat belongs to."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}


def _pressed_message(state: ApiState, chat: Chat, message_id: int | None, text: str | None) -> JSON:
    """Return the Message a button press refers to, inventing one the bot never sent."""
    if message_id is None:
        keyed = [
            m for m in chat.messages.values() if m.get("reply_markup") and not m.get("deleted")
        ]
        message_id = keyed[-1]["message_id"] if keyed else None
    entry = chat.messages.get(message_id) if message_id is not None else None
    if entry is not None:
        message = message_json(state, chat, entry)
    else:
        message = {"message_id": message_id or chat.new_message_id(), "from": state.bot_user}
        message |= {"chat": chat.as_json(), "date": int(time.time()), "text": text or ""}
    if text is not None:
        message["text"] = text
    return message
