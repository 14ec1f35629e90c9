//! The peer dialog (see `../dialog.py`) on teloxide's `Dispatcher`, as its dialogue example
//! shows it: one handler tree, `enter_dialogue`, the state in `InMemStorage` or `SqliteStorage`
//! (JSON). Usage: krok-peer-teloxide API_URL TOKEN memory|sqlite DB

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use teloxide::dispatching::dialogue::serializer::Json;
use teloxide::dispatching::dialogue::{ErasedStorage, InMemStorage, SqliteStorage, Storage};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

#[derive(Clone, Default, Debug, Serialize, Deserialize)]
enum State {
    #[default]
    Menu,
    Sub,
    Leaf,
    Ask,
}

type Talk = Dialogue<State, ErasedStorage<State>>;
type Outcome = Result<(), Box<dyn std::error::Error + Send + Sync>>;

const FILL: &str = "Це текст кроку, довгий приблизно як справжній: кому допомагає служба, де вона, коли працює і як туди зателефонувати. Тут же кілька слів про те, що взяти з собою. ";

fn text(state: &State) -> String {
    match state {
        State::Menu => format!(
            "Головне меню. Оберіть, з чим потрібна допомога. {}",
            FILL.repeat(3)
        ),
        State::Sub => format!(
            "Підменю. Уточніть, будь ласка, що саме потрібно. {}",
            FILL.repeat(3)
        ),
        State::Leaf => format!(
            "Крок із варіантами. Оберіть один із них. {}",
            FILL.repeat(2)
        ),
        State::Ask => {
            format!("Напишіть кількома словами, що сталося, і я підкажу, куди звернутися. {FILL}")
        }
    }
}

fn keyboard(state: &State) -> InlineKeyboardMarkup {
    let buttons: &[(&str, &str)] = match state {
        State::Menu => &[
            ("Житло", "m:1"),
            ("Робота", "m:2"),
            ("Документи", "m:3"),
            ("Здоров'я", "m:4"),
        ],
        State::Sub => &[
            ("Перше", "s:1"),
            ("Друге", "s:2"),
            ("Третє", "s:3"),
            ("Назад", "s:0"),
        ],
        State::Leaf => &[("Так", "l:1"), ("Ні", "l:2"), ("Назад", "l:0")],
        State::Ask => &[],
    };
    InlineKeyboardMarkup::new(
        buttons
            .iter()
            .map(|(t, d)| vec![InlineKeyboardButton::callback(*t, *d)]),
    )
}

async fn show(bot: &Bot, chat: ChatId, state: State, talk: &Talk) -> Outcome {
    talk.update(state.clone()).await?;
    let message = bot.send_message(chat, text(&state));
    match state {
        State::Ask => message.await?,
        _ => message.reply_markup(keyboard(&state)).await?,
    };
    Ok(())
}

async fn on_message(bot: Bot, talk: Talk, msg: Message) -> Outcome {
    let typed = msg.text().unwrap_or_default();
    let state = talk.get().await?.unwrap_or_default();
    if matches!(state, State::Ask) && !typed.starts_with('/') {
        let done = format!(
            "Дякую. Ось служби, які можуть допомогти, з телефонами та годинами роботи. {}",
            FILL.repeat(4)
        );
        talk.update(State::Menu).await?;
        bot.send_message(msg.chat.id, done)
            .reply_markup(keyboard(&State::Menu))
            .await?;
        return Ok(());
    }
    show(&bot, msg.chat.id, State::Menu, &talk).await
}

async fn on_press(bot: Bot, talk: Talk, q: CallbackQuery) -> Outcome {
    bot.answer_callback_query(q.id.clone()).await?;
    let Some(message) = q.message.as_ref() else {
        return Ok(());
    };
    let chat = message.chat().id;
    bot.edit_message_reply_markup(chat, message.id()).await?;
    let data = q.data.as_deref().unwrap_or_default();
    let next = match data.split(':').next() {
        _ if data.ends_with(":0") => State::Menu,
        Some("m") => State::Sub,
        Some("s") => State::Leaf,
        Some("l") => State::Ask,
        _ => State::Menu,
    };
    show(&bot, chat, next, &talk).await
}

#[tokio::main]
async fn main() -> Outcome {
    let args: Vec<String> = std::env::args().collect();
    let (url, token, store, path) = (&args[1], &args[2], &args[3], &args[4]);
    let bot = Bot::new(token).set_api_url(url.parse()?);
    let storage: Arc<ErasedStorage<State>> = match store.as_str() {
        "sqlite" => SqliteStorage::open(path, Json).await?.erase(),
        _ => InMemStorage::<State>::new().erase(),
    };
    let handler = dptree::entry()
        .branch(
            Update::filter_message()
                .enter_dialogue::<Message, ErasedStorage<State>, State>()
                .endpoint(on_message),
        )
        .branch(
            Update::filter_callback_query()
                .enter_dialogue::<CallbackQuery, ErasedStorage<State>, State>()
                .endpoint(on_press),
        );
    Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![storage])
        .build()
        .dispatch()
        .await;
    Ok(())
}
