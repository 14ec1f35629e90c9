"""The peer dialog on aiogram 3, as people write it: a Dispatcher with long polling, the FSM
in memory or in SQLite (WAL, synchronous=FULL, one commit per change, so a reply is sent only
after its state is on disk, as Krok does). Usage: aiogram_bot.py API_URL TOKEN memory|sqlite DB"""

import asyncio
import json
import sqlite3
import sys
from typing import Any

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

import dialog

class SqliteStorage(BaseStorage):
    """FSM state and data in one SQLite table, committed on every change."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS fsm (k TEXT PRIMARY KEY, state TEXT, data TEXT)")

    @staticmethod
    def _key(key: StorageKey) -> str:
        return f"{key.bot_id}:{key.chat_id}:{key.user_id}"

    async def set_state(self, key: StorageKey, state: Any = None) -> None:
        value = state.state if hasattr(state, "state") else state
        self.db.execute(
            "INSERT INTO fsm (k, state) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET state = excluded.state",
            (self._key(key), value),
        )

    async def get_state(self, key: StorageKey) -> str | None:
        row = self.db.execute("SELECT state FROM fsm WHERE k = ?", (self._key(key),)).fetchone()
        return row[0] if row else None

    async def set_data(self, key: StorageKey, data: dict[str, Any]) -> None:

        self.db.execute(
            "INSERT INTO fsm (k, data) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET data = excluded.data",
            (self._key(key), json.dumps(data)),
        )

    async def get_data(self, key: StorageKey) -> dict[str, Any]:

        row = self.db.execute("SELECT data FROM fsm WHERE k = ?", (self._key(key),)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    async def close(self) -> None:
        self.db.close()

def keyboard(state: str) -> InlineKeyboardMarkup:
    _, buttons = dialog.STEPS[state]
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d)] for t, d in buttons]
    )

async def show(bot: Bot, chat: int, state: str, fsm: FSMContext) -> None:
    await fsm.set_state(state)
    text, _ = dialog.STEPS[state]
    await bot.send_message(chat, text, reply_markup=keyboard(state))

def main() -> None:
    api_url, token, store, path = sys.argv[1:5]
    storage = SqliteStorage(path) if store == "sqlite" else MemoryStorage()
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    bot = Bot(token, session=session)
    dp = Dispatcher(storage=storage)

    @dp.message(CommandStart())
    async def start(message: Message, state: FSMContext) -> None:
        await show(bot, message.chat.id, "menu", state)

    @dp.callback_query(F.data)
    async def pressed(query: CallbackQuery, state: FSMContext) -> None:
        await query.answer()
        chat = query.message.chat.id
        await bot.edit_message_reply_markup(chat_id=chat, message_id=query.message.message_id)
        step = dialog.NEXT.get(query.data.split(":")[0], "menu")
        if query.data.endswith(":0"):
            step = "menu"
        if step == "ask":
            await state.set_state("ask")
            await bot.send_message(chat, dialog.ASK)
        else:
            await show(bot, chat, step, state)

    @dp.message(F.text)
    async def typed(message: Message, state: FSMContext) -> None:
        if await state.get_state() == "ask":
            await state.set_state("menu")
            await message.answer(dialog.DONE, reply_markup=keyboard("menu"))
        else:
            await show(bot, message.chat.id, "menu", state)

    asyncio.run(dp.start_polling(bot, polling_timeout=1, handle_signals=True))

if __name__ == "__main__":
    main()
