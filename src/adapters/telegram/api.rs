//! The Bot API calls made for every update (getUpdates, sendMessage, editMessageReplyMarkup,
//! answerCallbackQuery), on teloxide's HTTP client and with teloxide's errors, but with the
//! answer read straight into the type asked for.
//!
//! teloxide reads every answer as an untagged enum, which makes serde buffer the whole body
//! before choosing between success and failure; for a batch of updates or a sent message that
//! buffering cost more than the rest of the parse. Here `{"ok":…,"result":…}` is one plain
//! struct, and each method's address is built once, not parsed again per call. The rare calls
//! (getMe, setWebhook, deleteWebhook) stay on teloxide's own requests.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use teloxide_core::types::{ChatId, Seconds};
use teloxide_core::{ApiError, Bot, RequestError};

/// The methods called through [`Api`].
#[derive(Clone, Copy, Debug)]
pub enum Method {
    GetUpdates,
    SendMessage,
    EditMessageReplyMarkup,
    AnswerCallbackQuery,
}

impl Method {
    const ALL: [Method; 4] = [
        Method::GetUpdates,
        Method::SendMessage,
        Method::EditMessageReplyMarkup,
        Method::AnswerCallbackQuery,
    ];

    fn name(self) -> &'static str {
        match self {
            Method::GetUpdates => "getUpdates",
            Method::SendMessage => "sendMessage",
            Method::EditMessageReplyMarkup => "editMessageReplyMarkup",
            Method::AnswerCallbackQuery => "answerCallbackQuery",
        }
    }
}

/// A bot's clients and the address of each method. The addresses hold the token: never log
/// them.
#[derive(Clone)]
pub struct Api {
    /// teloxide's client, for sends: many short calls with small answers.
    client: reqwest::Client,
    /// A client of its own for the long poll, whose answers (up to 100 updates) grow a
    /// connection's read buffer; on the shared pool every connection would come to hold one.
    polling: reqwest::Client,
    urls: Arc<[Url; 4]>,
}

/// The Bot API's answer: `result` when `ok`, else `description` and perhaps `parameters`.
#[derive(serde::Deserialize)]
struct Answer<R> {
    ok: bool,
    #[serde(default = "Option::default")]
    result: Option<R>,
    #[serde(default)]
    description: Option<ApiError>,
    #[serde(default)]
    error_code: Option<u16>,
    #[serde(default)]
    parameters: Option<Parameters>,
}

#[derive(Default, serde::Deserialize)]
struct Parameters {
    #[serde(default)]
    retry_after: Option<u32>,
    #[serde(default)]
    migrate_to_chat_id: Option<i64>,
}

impl Api {
    pub fn new(bot: &Bot, polling: reqwest::Client) -> Api {
        let url = |method: Method| {
            let mut url = bot.api_url();
            url.path_segments_mut()
                .expect("teloxide's API address can take a path")
                .push(&format!("bot{}", bot.token()))
                .push(method.name());
            url
        };
        Api {
            client: bot.client().clone(),
            polling,
            urls: Arc::new(Method::ALL.map(url)),
        }
    }

    /// Calls `method` with `payload` as JSON and reads its result as `R`.
    pub async fn call<R: DeserializeOwned>(
        &self,
        method: Method,
        payload: &impl Serialize,
    ) -> Result<R, RequestError> {
        let mut body = Vec::with_capacity(1024);
        serde_json::to_writer(&mut body, payload).map_err(|e| invalid(&e, 0))?;
        let client = match method {
            Method::GetUpdates => &self.polling,
            _ => &self.client,
        };
        let response = client
            .post(self.urls[method as usize].clone())
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body)
            .send()
            .await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        match serde_json::from_slice::<Answer<R>>(&bytes) {
            Ok(answer) => answer.into_result(),
            // A proxy's or an overloaded server's page instead of an answer: try again later.
            Err(_) if status.is_server_error() => Err(RequestError::Io(Arc::new(
                std::io::Error::other(format!("the Bot API answered {status}")),
            ))),
            Err(error) => Err(invalid(&error, bytes.len())),
        }
    }
}

impl<R> Answer<R> {
    fn into_result(self) -> Result<R, RequestError> {
        if let (true, Some(result)) = (self.ok, self.result) {
            return Ok(result);
        }
        // The server's own trouble ("Internal Server Error", "Bad Gateway") passes: it is
        // tried again, not taken for a refusal of the message.
        if let Some(code @ 500..) = self.error_code {
            return Err(RequestError::Io(Arc::new(std::io::Error::other(format!(
                "the Bot API answered {code}"
            )))));
        }
        let parameters = self.parameters.unwrap_or_default();
        if let Some(seconds) = parameters.retry_after {
            return Err(RequestError::RetryAfter(Seconds::from_seconds(seconds)));
        }
        if let Some(chat) = parameters.migrate_to_chat_id {
            return Err(RequestError::MigrateToChatId(ChatId(chat)));
        }
        let error = self
            .description
            .unwrap_or_else(|| ApiError::Unknown("an answer without a result".into()));
        Err(RequestError::Api(error))
    }
}

/// An answer that is not what the Bot API gives, told by where it broke and its length only:
/// serde's message quotes the value it did not expect, and the body may hold people's names
/// and messages (a sent message comes back with its chat), which no log or `/healthz` shows.
fn invalid(error: &serde_json::Error, bytes: usize) -> RequestError {
    use serde::de::Error as _;
    let at = format!(
        "{:?} error at line {}, column {}",
        error.classify(),
        error.line(),
        error.column()
    );
    RequestError::InvalidJson {
        source: Arc::new(serde_json::Error::custom(at)),
        raw: format!("{bytes} bytes, not shown").into(),
    }
}

/// A client as teloxide makes them, waiting longer than a long poll of `poll_timeout_secs`.
pub fn client(poll_timeout_secs: u32) -> reqwest::Result<reqwest::Client> {
    teloxide_core::net::default_reqwest_settings()
        .timeout(Duration::from_secs(u64::from(poll_timeout_secs) + 15))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<u32, RequestError> {
        serde_json::from_str::<Answer<u32>>(json)
            .expect("an answer")
            .into_result()
    }

    #[test]
    fn an_answer_that_cannot_be_read_is_not_repeated() {
        let body = r#"{"ok":true,"result":{"message_id":"Olena Kovalenko, +48 600 100 200"}}"#;
        let error = serde_json::from_str::<Answer<teloxide_core::types::Message>>(body)
            .map(|_| ())
            .unwrap_err();
        let shown = super::invalid(&error, body.len()).to_string();
        assert!(
            !shown.contains("Olena") && !shown.contains("600"),
            "{shown}"
        );
        assert!(
            shown.contains("line 1") && shown.contains("bytes, not shown"),
            "{shown}"
        );
    }

    #[test]
    fn answers_become_results_and_teloxides_errors() {
        assert_eq!(read(r#"{"ok":true,"result":7}"#).unwrap(), 7);
        let limited = r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#;
        assert!(matches!(read(limited), Err(RequestError::RetryAfter(s)) if s.seconds() == 3));
        let blocked = r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#;
        assert!(matches!(
            read(blocked),
            Err(RequestError::Api(ApiError::BotBlocked))
        ));
        let down = r#"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#;
        assert!(
            matches!(read(down), Err(RequestError::Io(_))),
            "passes: tried again"
        );
        let odd = r#"{"ok":false,"error_code":400,"description":"Bad Request: something new"}"#;
        assert!(matches!(
            read(odd),
            Err(RequestError::Api(ApiError::Unknown(_)))
        ));
    }

    #[test]
    fn a_method_address_has_the_token_and_the_method() {
        let bot = Bot::new("123:abc").set_api_url("http://127.0.0.1:9/".parse().unwrap());
        let api = Api::new(&bot, client(1).unwrap());
        assert_eq!(
            api.urls[Method::SendMessage as usize].as_str(),
            "http://127.0.0.1:9/bot123:abc/sendMessage"
        );
    }
}
