"""Steady works in private chats: in a group it says so once and leaves."""

from models import users

GROUP = -100


async def test_added_to_a_group_it_says_so_once_and_leaves(chat, fake_api, db, no_errors):
    await chat._feed(fake_api.added_to_group_update(GROUP, by_user_id=42))
    [note] = fake_api.sent_to(GROUP)
    assert "private chats only" in note["text"] and "@" in note["text"]
    assert len(fake_api.calls("leaveChat")) == 1
    async with db.session() as session:
        assert await users.get_user(session, 42) is None  # nothing stored about anyone


async def test_a_message_or_button_in_a_group_changes_nothing(chat, fake_api, db, no_errors):
    await chat._feed(fake_api.group_message_update(GROUP, 42, "/start"))
    await chat._feed(fake_api.callback_update(42, "x:yes::", chat_id=GROUP))
    assert fake_api.sent_to(GROUP) == []
    [answer] = fake_api.calls("answerCallbackQuery")
    assert "private chats only" in answer["text"]
    async with db.session() as session:
        assert await users.get_user(session, 42) is None
