"""The peer dialog on python-telegram-bot (21+), as its documentation shows it: an Application
with a ConversationHandler and long polling, defaults otherwise (updates one at a time). State
in memory, or in SQLite through a small persistence class that commits every state change
(WAL, synchronous=FULL), so a reply is sent only after its state is on disk, as Krok does.
Usage: ptb_bot.py API_URL TOKEN memory|sqlite DB"""

import sqlite3
import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    BasePersistence,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PersistenceInput,
    filters,
)

import dialog


class SqlitePersistence(BasePersistence):
    """Only the conversation states, one row per conversation key, committed on change."""

    def __init__(self, path: str) -> None:
        super().__init__(store_data=PersistenceInput(False, False, False, False), update_interval=60)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS conv (name TEXT, k TEXT, state TEXT, PRIMARY KEY (name, k))")

    async def get_conversations(self, name):
        rows = self.db.execute("SELECT k, state FROM conv WHERE name = ?", (name,)).fetchall()
        return {tuple(int(p) for p in k.split(",")): state for k, state in rows}

    async def update_conversation(self, name, key, new_state) -> None:
        k = ",".join(str(p) for p in key)
        if new_state is None:
            self.db.execute("DELETE FROM conv WHERE name = ? AND k = ?", (name, k))
        else:
            self.db.execute(
                "INSERT INTO conv VALUES (?, ?, ?) ON CONFLICT(name, k) DO UPDATE SET state = excluded.state",
                (name, k, new_state),
            )

    async def get_user_data(self):
        return {}

    async def get_chat_data(self):
        return {}

    async def get_bot_data(self):
        return {}

    async def get_callback_data(self):
        return None

    async def update_user_data(self, user_id, data) -> None:
        pass

    async def update_chat_data(self, chat_id, data) -> None:
        pass

    async def update_bot_data(self, data) -> None:
        pass

    async def update_callback_data(self, data) -> None:
        pass

    async def drop_chat_data(self, chat_id) -> None:
        pass

    async def drop_user_data(self, user_id) -> None:
        pass

    async def refresh_user_data(self, user_id, user_data) -> None:
        pass

    async def refresh_chat_data(self, chat_id, chat_data) -> None:
        pass

    async def refresh_bot_data(self, bot_data) -> None:
        pass

    async def flush(self) -> None:
        self.db.close()


def keyboard(state: str) -> InlineKeyboardMarkup:
    _, buttons = dialog.STEPS[state]
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in buttons])


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE, state: str) -> str:
    text, _ = dialog.STEPS[state]
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard(state))
    return state


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    return await show(update, context, "menu")


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    query = update.callback_query
    await query.answer()
    await query.edit_message_reply_markup(None)
    step = dialog.NEXT.get(query.data.split(":")[0], "menu")
    if query.data.endswith(":0"):
        step = "menu"
    if step == "ask":
        await context.bot.send_message(update.effective_chat.id, dialog.ASK)
        return "ask"
    return await show(update, context, step)


async def typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    await update.message.reply_text(dialog.DONE, reply_markup=keyboard("menu"))
    return "menu"


def main() -> None:
    api_url, token, store, path = sys.argv[1:5]
    builder = ApplicationBuilder().token(token).base_url(f"{api_url}/bot")
    if store == "sqlite":
        builder = builder.persistence(SqlitePersistence(path))
    app = builder.build()
    buttons = [CallbackQueryHandler(pressed)]
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states={
                "menu": buttons,
                "sub": buttons,
                "leaf": buttons,
                "ask": [MessageHandler(filters.TEXT & ~filters.COMMAND, typed)],
            },
            fallbacks=[CommandHandler("start", start), MessageHandler(filters.TEXT, start)],
            name="dialog",
            persistent=store == "sqlite",
        )
    )
    app.run_polling(poll_interval=0, timeout=1)


if __name__ == "__main__":
    main()
