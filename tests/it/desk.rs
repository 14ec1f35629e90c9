//! The caseworkers' desk, end to end: `krok run` with the Bot API test server and the desk on
//! loopback. A person books on Telegram; a caseworker's `/desk` brings a one-time link to
//! their chat; the link opens a session; the day's bookings list the person; cancelling with a
//! reason tells the person in Ukrainian; and everything refuses whoever has no session.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::time::Duration;

use chrono::DateTime;
use chrono_tz::Europe::Warsaw;

use super::botapi::{BOT_USERNAME, BotApi};
use super::support::free_port;
use super::telegram::Krok;

pub(super) const WAIT: Duration = Duration::from_secs(20);
pub(super) const PERSON: i64 = 931;
pub(super) const CASEWORKER: i64 = 932;
const STRANGER: i64 = 933;

/// An HTTP answer: status, headers (lowercase names, every value), body.
pub(super) struct Answer {
    pub(super) status: u16,
    headers: HashMap<String, Vec<String>>,
    pub(super) body: String,
    bytes: Vec<u8>,
}

impl Answer {
    pub(super) fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.first())
            .map_or("", String::as_str)
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub(super) fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: &str,
) -> Answer {
    http_with(port, method, path, cookie, form, &[])
}

/// `http` with more request headers (`Name: value` lines' parts).
pub(super) fn http_with(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: &str,
    more: &[(&str, &str)],
) -> Answer {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !more
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        request.push_str("Host: 127.0.0.1\r\n");
    }
    if let Some(cookie) = cookie {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    for (name, value) in more {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        request.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        request.push_str(&format!("Content-Length: {}\r\n", form.len()));
    }
    request.push_str("\r\n");
    request.push_str(form);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut bytes = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap();
    let mut headers: HashMap<String, Vec<String>> = HashMap::new();
    for line in lines {
        let (name, value) = line.split_once(':').unwrap();
        headers
            .entry(name.trim().to_ascii_lowercase())
            .or_default()
            .push(value.trim().to_owned());
    }
    if headers
        .get("transfer-encoding")
        .is_some_and(|v| v[0] == "chunked")
    {
        bytes = unchunk(&bytes);
    }
    Answer {
        status: status.parse().unwrap(),
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end]).unwrap_or("0");
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let rest = &body[end + 2..];
        out.extend_from_slice(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

pub(super) fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let v: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".into(),
                    b => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Signs in with `link` as its page's button does; the session cookie (`name=value`).
/// The session's form token on a desk page.
pub(super) fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    page[at..at + 64].to_owned()
}

pub(super) fn sign_in(port: u16, link: &str) -> String {
    let token = link.split("token=").nth(1).expect("a token");
    let signed = http(
        port,
        "POST",
        "/login",
        None,
        &form_encode(&[("token", token)]),
    );
    assert_eq!(signed.status, 303, "{}", signed.body);
    signed
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The caseworker writes `/desk`; the sign-in link in the answer.
pub(super) fn desk_link(api: &BotApi) -> String {
    let before = api.wait_messages(CASEWORKER, 0, WAIT).len();
    api.send_text(CASEWORKER, "pl", "/desk");
    let linked = api
        .wait_messages(CASEWORKER, before + 1, WAIT)
        .pop()
        .unwrap();
    let link_at = linked.text.find("http://").expect("a link");
    linked.text[link_at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

pub(super) fn krok_with_desk(api: &BotApi, data: &std::path::Path, port: u16) -> Krok {
    let public = format!("http://127.0.0.1:{port}");
    let listen = format!("127.0.0.1:{port}");
    let caseworkers = format!("tg:{CASEWORKER}");
    Krok::start(
        api,
        data,
        &[
            ("KROK_TELEGRAM_BOT_USERNAME", BOT_USERNAME),
            ("KROK_CASEWORKERS", &caseworkers),
            ("KROK_DESK_LISTEN", &listen),
            ("KROK_DESK_PUBLIC_URL", &public),
        ],
    )
}

/// A confirmed consultation whose time has passed (made three weeks ago), written to the
/// store in `data` before Krok opens it: how it went can be marked only on such a one.
pub(super) fn seed_past_booking(data: &std::path::Path) -> (String, chrono::NaiveDate) {
    use krok::store::{SessionStore, TurnStore};
    let store = krok::store::SledStore::open(data).unwrap();
    let bookings = store.bookings();
    let content = super::support::shipped();
    let then = chrono::Utc::now() - chrono::Days::new(21);
    let user = krok::store::UserKey::new("tg", "4711");
    let lang = krok::core::lang::Lang::Uk;
    let start = bookings
        .free_slots(&content.schedule, "legal", None, then)
        .unwrap()[0];
    let krok::booking::Hold::Held(code) = bookings
        .hold(&content.schedule, "legal", start, &user, lang, then)
        .unwrap()
    else {
        panic!("a free slot three weeks ago can be held")
    };
    let chat = krok::core::booking::Contact::Chat;
    let booked = bookings
        .confirm(&code, &user, "Olena", &chat, lang, then)
        .unwrap()
        .unwrap();
    assert!(booked.start < chrono::Utc::now().timestamp());
    store.flush().unwrap();
    let date = DateTime::from_timestamp(booked.start, 0)
        .unwrap()
        .with_timezone(&Warsaw)
        .date_naive();
    (booked.code, date)
}

#[test]
fn a_caseworker_signs_in_from_the_chat_sees_the_booking_and_cancels_it_with_a_reason() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let (past, past_date) = seed_past_booking(data.path());
    let krok = krok_with_desk(&api, data.path(), port);
    let (booked, _, start) = super::routing::book_slot(&api, PERSON, "uk");
    let date = DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&Warsaw)
        .date_naive();
    let day = format!("/bookings?date={date}");

    // Nobody without a session sees anything.
    for path in [
        "/",
        day.as_str(),
        "/bookings.csv",
        "/bookings",
        "/content",
        "/directory?lang=uk",
        "/stats",
        "/stats.csv",
    ] {
        let answer = http(port, "GET", path, None, "");
        assert_eq!(answer.status, 401, "{path}");
        assert!(answer.body.contains("/desk"), "says how to sign in");
        assert!(!answer.body.contains("Оля"), "{path}");
    }
    let forged = http(
        port,
        "GET",
        &day,
        Some(&format!("krok_desk={}", "a".repeat(64))),
        "",
    );
    assert_eq!(forged.status, 401);

    // /desk: nothing for a stranger; a one-time link for the caseworker.
    api.send_text(STRANGER, "uk", "/desk");
    let stranger = api.wait_messages(STRANGER, 1, WAIT);
    assert!(!stranger[0].text.contains("login?token"));
    let link = desk_link(&api);
    let path = link.trim_start_matches(&format!("http://127.0.0.1:{port}"));
    assert!(path.starts_with("/login?token="), "{link}");

    // Opening the link (as a chat app's link preview does) changes nothing: its page has the
    // button that signs in.
    for _ in 0..2 {
        let opened = http(port, "GET", path, None, "");
        assert_eq!(opened.status, 200);
        assert_eq!(opened.header("set-cookie"), "", "no session from a GET");
        assert!(opened.body.contains("action=\"/login\""), "{}", opened.body);
        // Its language links keep the link's token.
        assert!(
            opened
                .body
                .contains(&format!("href=\"{path}&amp;lang=uk\"")),
            "{}",
            opened.body
        );
        for (name, value) in [
            ("x-frame-options", "DENY"),
            ("referrer-policy", "same-origin"),
        ] {
            assert_eq!(opened.header(name), value);
        }
        assert!(
            opened
                .header("content-security-policy")
                .contains("default-src 'none'")
        );
    }
    let token = path.trim_start_matches("/login?token=");
    let button = form_encode(&[("token", token)]);
    // The link's button posted by a page of another site (which would sign the caseworker's
    // browser into the session of whoever owns the link): refused, the link not spent.
    for elsewhere in [
        [
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "https://evil.example"),
        ],
        [("Sec-Fetch-Site", "same-site"), ("Origin", "null")],
        // A browser without fetch metadata, from a sandboxed frame or another site's form.
        [("Origin", "null"), ("X-No", "fetch metadata")],
        [
            ("Origin", "https://evil.example"),
            ("X-No", "fetch metadata"),
        ],
    ] {
        let forged = http_with(port, "POST", "/login", None, &button, &elsewhere);
        assert_eq!(forged.status, 403, "{elsewhere:?}");
        assert!(forged.body.contains("innej strony"), "{}", forged.body);
        assert_eq!(forged.header("set-cookie"), "");
    }
    // A page of another domain that resolves to the desk's address reads nothing, the sign-in
    // page included.
    for host in ["evil.example", "evil.example:8090", "127.0.0.1.nip.io"] {
        let rebound = http_with(port, "GET", path, None, "", &[("Host", host)]);
        assert_eq!(rebound.status, 421, "{host}");
        assert!(!rebound.body.contains(token), "{host}");
        assert!(rebound.body.contains("nie ma panelu"), "{}", rebound.body);
    }
    // The desk's own form, as a browser sends it.
    let own = [("Sec-Fetch-Site", "same-origin"), ("Origin", "null")];
    let signed = http_with(port, "POST", "/login", None, &button, &own);
    assert_eq!(signed.status, 303);
    assert_eq!(signed.header("location"), "/");
    let set = signed.header("set-cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let session = set.split(';').next().unwrap().to_owned();
    // A second cookie of the same name set by another site of the domain, sent first, does
    // not lock the caseworker out.
    let name = session.split('=').next().unwrap();
    let shadowed = format!("{name}=planted-by-a-sibling-site; {session}");
    assert_eq!(http(port, "GET", "/", Some(&shadowed), "").status, 200);
    let again = http(port, "POST", "/login", None, &button);
    assert_eq!(again.status, 401, "used once");
    // The used link tapped again by the caseworker still signed in: the desk.
    let back = http(port, "POST", "/login", Some(&session), &button);
    assert_eq!(
        (back.status, back.header("location")),
        (303, "/"),
        "{}",
        back.body
    );
    // A well-formed token this deployment never issued (another one's, or a guess).
    let elsewhere = form_encode(&[("token", &"0123456789abcdef".repeat(4))]);
    assert_eq!(http(port, "POST", "/login", None, &elsewhere).status, 401);
    assert_eq!(
        http(port, "GET", "/login?token=../..", None, "").status,
        401
    );
    // A stranger's bad tokens from the address every caseworker shares behind a proxy are
    // refused, then slowed, and lock nobody out: an issued link still opens.
    let statuses: Vec<u16> = (0..12)
        .map(|_| http(port, "POST", "/login", None, &elsewhere).status)
        .collect();
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    sign_in(port, &desk_link(&api));

    // A time someone holds without booking it is shown too: times held again and again are
    // how one person can keep a day's places from everyone.
    let holder = 934;
    api.send_text(holder, "uk", "/start legal_advice-uk");
    let advice = api.wait_messages(holder, 1, WAIT).pop().unwrap();
    api.press(holder, "uk", advice.message_id, "legal_advice|opt-book");
    let slots = api.wait_messages(holder, 2, WAIT).pop().unwrap();
    api.press(holder, "uk", slots.message_id, &slots.buttons[0].1);
    api.wait_messages(holder, 3, WAIT);
    let page = http(port, "GET", &day, Some(&session), "");
    assert!(
        page.body.contains("jest teraz wstępnie zajęty przez kogoś")
            && page.body.contains("najwyżej 10 minut"),
        "{}",
        page.body
    );

    // The day's bookings: the person, escaped, with the code and a cancel form.
    let page = http(port, "GET", &day, Some(&session), "");
    assert_eq!(page.status, 200);
    let chat: Vec<String> = api.sent_to(PERSON).into_iter().map(|s| s.text).collect();
    assert!(page.body.contains("Оля"), "{}\n{chat:#?}", page.body);
    assert!(!page.body.contains("<script"));
    let code_at = page.body.find("name=\"code\" value=\"").unwrap() + 19;
    let code = &page.body[code_at..code_at + 8];
    assert_eq!(code, booked);
    let csrf = csrf_of(&page.body);
    let csv = http(
        port,
        "GET",
        &format!("/bookings.csv?date={date}"),
        Some(&session),
        "",
    );
    assert_eq!(csv.status, 200);
    assert!(
        csv.body
            .starts_with("time,kind,name,contact,language,code,state")
    );
    assert!(csv.body.contains(code), "{}", csv.body);
    // For Excel with Polish settings: UTF-8 marked, fields apart by semicolons.
    let excel = http(
        port,
        "GET",
        &format!("/bookings.csv?excel=1&date={date}"),
        Some(&session),
        "",
    );
    assert!(
        excel
            .body
            .starts_with("\u{feff}time;kind;name;contact;language;code;state")
            && excel.body.contains(";\"Оля\";")
            && excel
                .header("content-disposition")
                .contains(&format!("bookings-{date}-excel.csv")),
        "{}",
        excel.body
    );

    // A person on the phone gives their code, as they hear it: the desk opens its day at it.
    let typed = format!("/bookings?find={}", code.to_lowercase());
    let found = http(port, "GET", &typed, Some(&session), "");
    let to = found.header("location").to_owned();
    assert_eq!(to, format!("/bookings?date={date}&found={code}#b-{code}"));
    let page = http(
        port,
        "GET",
        to.split('#').next().unwrap(),
        Some(&session),
        "",
    );
    assert!(
        page.body
            .contains(&format!("Rezerwacja {code} jest tego dnia"))
            && page.body.contains(&format!("id=\"b-{code}\"")),
        "{}",
        page.body
    );
    // …or the name as the caseworker hears it: "Оля" written in the chat, "Ola" typed. The
    // form posts it: a name or a phone number in the address would stay in the browser's
    // history and the proxy's log.
    assert!(
        page.body
            .contains("method=\"post\" action=\"/bookings\" role=\"search\""),
        "{}",
        page.body
    );
    let posted = |fields: &[(&str, &str)]| {
        http(
            port,
            "POST",
            "/bookings",
            Some(&session),
            &form_encode(fields),
        )
    };
    let by_name = posted(&[("csrf", &csrf), ("find", "Ola")]);
    assert_eq!(by_name.header("location"), to, "{}", by_name.body);
    let forged = posted(&[("csrf", &"0".repeat(64)), ("find", "Ola")]);
    assert_eq!(forged.status, 403, "{}", forged.body);
    let by_name = http(port, "GET", "/bookings?find=Ola", Some(&session), "");
    assert_eq!(by_name.header("location"), to, "{}", by_name.body);
    let nowhere = http(port, "GET", "/bookings?find=ZZZZ9999", Some(&session), "");
    assert_eq!(nowhere.status, 200);
    assert!(
        nowhere.body.contains("Żadna rezerwacja nie pasuje")
            && nowhere.body.contains("value=\"ZZZZ9999\"")
            && !nowhere.body.contains("Оля"),
        "{}",
        nowhere.body
    );
    let short = http(port, "GET", "/bookings?find=1", Some(&session), "");
    assert!(
        short.body.contains("co najmniej dwie litery"),
        "{}",
        short.body
    );

    // The duty consultant marks how it went, once its time has come, and can take the mark
    // back; a consultation still to come is not marked.
    let date_text = date.to_string();
    let early = http(
        port,
        "POST",
        "/bookings/mark",
        Some(&session),
        &form_encode(&[
            ("csrf", &csrf),
            ("code", code),
            ("date", &date_text),
            ("outcome", "done"),
        ]),
    );
    assert!(
        early.header("location").ends_with("marked=early"),
        "{}",
        early.header("location")
    );
    let page = http(port, "GET", early.header("location"), Some(&session), "");
    assert!(
        page.body
            .contains("dopiero wtedy, gdy nadejdzie jej termin"),
        "{}",
        page.body
    );
    let date_text = past_date.to_string();
    let mark = |csrf: &str, code: &str, outcome: &str| {
        let form = form_encode(&[
            ("csrf", csrf),
            ("code", code),
            ("date", &date_text),
            ("outcome", outcome),
        ]);
        http(port, "POST", "/bookings/mark", Some(&session), &form)
    };
    let (booked_code, code) = (code, past.as_str());
    assert_eq!(mark(&"0".repeat(64), code, "done").status, 403);
    let marked = mark(&csrf, code, "not_reached");
    assert_eq!(marked.status, 303);
    let to = marked.header("location").to_owned();
    assert!(to.contains(&format!("marked={code}")), "{to}");
    let page = http(port, "GET", &to, Some(&session), "");
    assert!(
        page.body
            .contains(&format!("Rezerwacja {code}: brak kontaktu z osobą.")),
        "{}",
        page.body
    );
    let csv_day = format!("/bookings.csv?date={past_date}");
    let csv = http(port, "GET", &csv_day, Some(&session), "");
    assert!(csv.body.contains(",\"not_reached\""), "{}", csv.body);
    let cleared = mark(&csrf, code, "none");
    let page = http(port, "GET", cleared.header("location"), Some(&session), "");
    assert!(
        page.body
            .contains(&format!("Rezerwacja {code} nie ma już oznaczenia."))
    );
    assert!(!page.body.contains("brak kontaktu z osobą<"));
    let nowhere = mark(&csrf, "ZZZZ9999", "done");
    assert!(
        nowhere.header("location").ends_with("marked=none"),
        "not created"
    );
    assert_eq!(mark(&csrf, code, "maybe").status, 400);
    let (code, date_text) = (booked_code, date.to_string());

    // A form without this session's token changes nothing.
    let reason = "Консультант захворів";
    let mut fields = vec![
        ("csrf", "0".repeat(64)),
        ("code", code.to_owned()),
        ("date", date_text.clone()),
        ("reason", reason.to_owned()),
        ("sure", "1".to_owned()),
    ];
    let encoded = |f: &[(&str, String)]| {
        form_encode(&f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
    };
    let before = api.sent_to(PERSON).len();
    let refused = http(
        port,
        "POST",
        "/bookings/cancel",
        Some(&session),
        &encoded(&fields),
    );
    assert_eq!(refused.status, 403);

    fields[0].1 = csrf;
    // Without its "yes, cancel" box (Enter pressed in the message), nothing is cancelled.
    let unsure: Vec<(&str, String)> = fields
        .iter()
        .filter(|(k, _)| *k != "sure")
        .cloned()
        .collect();
    let kept = http(
        port,
        "POST",
        "/bookings/cancel",
        Some(&session),
        &encoded(&unsure),
    );
    assert!(
        kept.header("location").ends_with(&format!("unsure={code}")),
        "not cancelled"
    );
    // Nor with the box's field sent unticked by a crafted form.
    let mut zero = unsure.clone();
    zero.push(("sure", "0".to_owned()));
    let kept = http(
        port,
        "POST",
        "/bookings/cancel",
        Some(&session),
        &encoded(&zero),
    );
    assert!(
        kept.header("location").ends_with(&format!("unsure={code}")),
        "not cancelled"
    );
    // Sent twice at once (a double click, two caseworkers): one cancels and says so; the
    // other finds the booking gone and says that. A control character or a mark that turns
    // the text's direction, pasted in, does not reach the person.
    fields[3].1 = format!("\u{202e}{reason}\u{202c}\u{7}");
    let form = encoded(&fields);
    let both: Vec<_> = std::thread::scope(|scope| {
        let posts: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| http(port, "POST", "/bookings/cancel", Some(&session), &form)))
            .collect();
        posts.into_iter().map(|p| p.join().unwrap()).collect()
    });
    let mut said: Vec<String> = both
        .iter()
        .map(|done| {
            assert_eq!(done.status, 303, "{}", done.body);
            done.header("location").to_owned()
        })
        .collect();
    said.sort();
    assert!(
        said[0].contains(&format!("done={code}&note=1")) && said[1].ends_with("done=none"),
        "{said:?}"
    );
    let notice = || {
        api.sent_to(PERSON)
            .into_iter()
            .find(|m| m.text.contains("довелося скасувати"))
    };
    super::support::wait_for("the person's notice", || notice().is_some());
    let told = notice().unwrap();
    assert!(told.text.contains(reason), "{}", told.text);
    assert!(
        !told.text.contains(['\u{202e}', '\u{202c}', '\u{7}']),
        "{:?}",
        told.text
    );
    assert!(
        told.text
            .contains("оберіть «📅 Записатися на консультацію»"),
        "the button it names is the one the person sees: {}",
        told.text
    );
    let between = api.sent_to(PERSON);
    assert_eq!(
        between[before..]
            .iter()
            .filter(|m| m.method == "sendMessage")
            .count(),
        1,
        "the refused form told the person nothing; the cancel told them once"
    );
    let after = http(
        port,
        "GET",
        &format!("{day}&done={code}"),
        Some(&session),
        "",
    );
    assert!(
        after
            .body
            .contains(&format!("Rezerwacja {code} została odwołana"))
    );
    // It leaves the day's bookings and is listed as cancelled: by whom, when, what was said.
    let (live, gone) = after
        .body
        .split_once("<h2>Odwołane</h2>")
        .expect(&after.body);
    assert!(!live.contains("Оля"), "cancelled bookings leave the list");
    assert!(
        gone.contains("Оля") && gone.contains("przez zespół") && gone.contains(reason),
        "{gone}"
    );
    // "My consultation was cancelled, the code is …": the code found opens its day at its
    // row among the cancelled.
    let found = http(
        port,
        "GET",
        &format!("/bookings?find={}", code.to_lowercase()),
        Some(&session),
        "",
    );
    assert!(
        found.header("location").ends_with(&format!("#c-{code}")),
        "{}",
        found.body
    );
    assert!(gone.contains(&format!("id=\"c-{code}\"")), "{gone}");
    // An address someone sent the caseworker cannot put its words in the desk's mouth.
    let forged = http(
        port,
        "GET",
        &format!("{day}&failed=URGENT%3A%20the%20desk%20moved&done=ABCDEFGH%20was%20refunded"),
        Some(&session),
        "",
    );
    assert_eq!(forged.status, 200);
    assert!(
        !forged.body.contains("URGENT") && !forged.body.contains("refunded"),
        "{}",
        forged.body
    );

    // The content's state and the printable directory in any language.
    let content = http(port, "GET", "/content", Some(&session), "");
    assert_eq!(content.status, 200);
    assert!(
        content.body.contains("Obecną treść wczytano"),
        "{}",
        content.body
    );
    let directory = http(port, "GET", "/directory?lang=uk", Some(&session), "");
    assert_eq!(directory.status, 200);
    assert!(directory.body.contains("lang=\"uk\""), "{}", directory.body);
    assert!(directory.body.contains("112"));
    let csp = directory.header("content-security-policy");
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script"),
        "{csp}"
    );

    // A link for a caseworker to hand out: link, code, a QR code that reads back the link.
    let query = "node=legal&lang=uk&tag=mops";
    let links = http(port, "GET", &format!("/links?{query}"), Some(&session), "");
    assert_eq!(links.status, 200);
    let target = format!("https://t.me/{BOT_USERNAME}?start=legal-uk-mops");
    assert!(links.body.contains(&target), "{}", links.body);
    assert!(links.body.contains("<svg"));
    let png = http(
        port,
        "GET",
        &format!("/links/qr.png?{query}"),
        Some(&session),
        "",
    );
    assert_eq!(png.header("content-type"), "image/png");
    let image = image::load_from_memory(&png.bytes).unwrap().to_luma8();
    assert_eq!(super::print::paper::decode_qr(&image), target);
    let card = http(
        port,
        "GET",
        &format!("/links/card?{query}"),
        Some(&session),
        "",
    );
    assert!(
        card.body.contains("<svg") && card.body.contains("lang=\"uk\""),
        "{}",
        card.body
    );
    // A tag typed as a place is named is written as a tag can be.
    let named = http(
        port,
        "GET",
        "/links?node=legal&lang=uk&tag=MOPS%20Nowa%20Huta",
        Some(&session),
        "",
    );
    assert!(
        named.body.contains("legal-uk-mops-nowa-huta"),
        "{}",
        named.body
    );
    // What is wrong is said in the desk's language, with what to do.
    let bad = http(port, "GET", "/links?node=nowhere", Some(&session), "");
    assert!(
        bad.body.contains("nie ma kroku „nowhere”") && bad.body.contains("z listy"),
        "{}",
        bad.body
    );
    let long = "/links?node=legal&lang=uk&tag=osrodek-pomocy-spolecznej-podgorze";
    let long = http(port, "GET", long, Some(&session), "");
    assert!(
        long.body.contains("do 20 znaków") && !long.body.contains("may use only"),
        "{}",
        long.body
    );
    // An address someone sent the caseworker cannot put its words in the desk's alert.
    let spoof = "/links?node=URGENT%3A%20call%20%2B48%20700%20123%20456&lang=evil%20text&tag=x%20y";
    let spoofed = http(port, "GET", spoof, Some(&session), "");
    assert_eq!(spoofed.status, 200);
    assert!(
        !spoofed.body.contains("URGENT")
            && !spoofed.body.contains("700 123")
            && !spoofed.body.contains("evil"),
        "{}",
        spoofed.body
    );
    assert_eq!(
        http(port, "GET", &format!("/links/qr.png?{query}"), None, "").status,
        401
    );

    // Demand figures as charts: three people wrote today, fewer than 5, so no bar and no number.
    let stats = http(port, "GET", "/stats", Some(&session), "");
    assert_eq!(stats.status, 200);
    assert!(
        stats.body.contains("<svg class=\"chart\""),
        "{}",
        stats.body
    );
    assert!(stats.body.contains("Rozmowy rozpoczęte dziennie"));
    assert!(stats.body.contains(">&lt;5<"), "{}", stats.body);
    // The same figures as a table for a screen reader, hidden counts hidden there too.
    assert!(
        stats.body.contains("<summary>Liczby w tabeli</summary>")
            && stats
                .body
                .contains("<th scope=\"row\">Telegram</th><td>&lt;5</td>"),
        "{}",
        stats.body
    );
    // Steps, services and kinds by their names, not the content's ids; the chart's column
    // holds the name without the Polish one in brackets.
    assert!(
        stats.body.contains(
            "<th scope=\"row\">Bezpłatna porada prawna (Punkt Informacji dla Obcokrajowców)</th>"
        ) && stats.body.contains(">Bezpłatna porada prawna</text>")
            && stats.body.contains("<th scope=\"row\">Українська</th>"),
        "{}",
        stats.body
    );
    assert!(
        !stats.body.contains("<th scope=\"row\">legal</th>")
            && !stats.body.contains(">legal_advice<"),
        "{}",
        stats.body
    );
    assert!(
        !stats.body.contains("width=\"340\""),
        "no bar for a hidden count"
    );
    // A period given the wrong way round is turned round; one too long or a date that cannot
    // be read is said, not silently replaced.
    let turned = http(
        port,
        "GET",
        "/stats?from=2026-11-30&to=2026-11-01",
        Some(&session),
        "",
    );
    assert!(
        turned.body.contains("value=\"2026-11-01\"")
            && turned.body.contains("value=\"2026-11-30\"")
            && !turned.body.contains("role=\"status\""),
        "{}",
        turned.body
    );
    let long = "/stats?from=2020-01-01&to=2026-11-30";
    let long = http(port, "GET", long, Some(&session), "");
    assert!(
        long.body
            .contains("najwyżej 400 dni, więc dane zaczynają się od 2025-10-27"),
        "{}",
        long.body
    );
    let unread = http(port, "GET", "/stats?from=30.11.2026", Some(&session), "");
    assert!(unread.body.contains("pokazano dane od"), "{}", unread.body);
    let unread = http(port, "GET", "/bookings?date=jutro", Some(&session), "");
    assert!(
        unread.body.contains("dzisiejsze rezerwacje"),
        "{}",
        unread.body
    );
    let csv = http(port, "GET", "/stats.csv", Some(&session), "");
    assert!(
        csv.body.contains(",started-platform,telegram,<5"),
        "{}",
        csv.body
    );

    // Signing out ends the session.
    assert_eq!(http(port, "GET", "/logout", Some(&session), "").status, 200);
    assert_eq!(http(port, "GET", "/", Some(&session), "").status, 401);
    krok.kill9();
}

/// Telegram's sends failing: every desk page says Krok cannot send there now, and a
/// cancellation made meanwhile says the message is on its way (not that the person got it); it
/// reaches them once sends work again, and the warning goes.
#[test]
fn while_telegram_sends_fail_the_desk_says_so_and_a_cancellation_reaches_the_person_later() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let _krok = krok_with_desk(&api, data.path(), port);
    let (code, _, start) = super::routing::book_slot(&api, PERSON, "uk");
    let date = DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&Warsaw)
        .date_naive();
    let day = format!("/bookings?date={date}");
    let session = sign_in(port, &desk_link(&api));
    let banner = "Krok nie może teraz wysyłać wiadomości przez Telegram";
    let page = || http(port, "GET", &day, Some(&session), "").body;
    assert!(!page().contains(banner));

    api.send_outage(true);
    api.send_text(PERSON, "uk", "/help");
    super::support::wait_for("the desk to say sends fail", || page().contains(banner));
    let home = http(port, "GET", "/", Some(&session), "").body;
    assert!(home.contains(banner), "on every page");
    // The home page leads to the next day with bookings, however far the consultations are.
    assert!(
        home.contains("Najbliższe dni z rezerwacjami")
            && home.contains(&format!("href=\"/bookings?date={date}\""))
            && home.contains("jedna rezerwacja"),
        "{home}"
    );
    let fields = [
        ("csrf", csrf_of(&page())),
        ("code", code.clone()),
        ("date", date.to_string()),
        ("sure", "1".to_owned()),
    ];
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = http(
        port,
        "POST",
        "/bookings/cancel",
        Some(&session),
        &form_encode(&form),
    );
    assert_eq!(done.status, 303, "{}", done.body);
    let after = http(port, "GET", done.header("location"), Some(&session), "").body;
    assert!(
        after.contains("Wysyłamy tej osobie wiadomość") && after.contains(banner),
        "{after}"
    );

    api.send_outage(false);
    super::support::wait_for("the person told", || {
        api.sent_to(PERSON)
            .iter()
            .any(|m| m.text.contains("довелося скасувати"))
    });
    super::support::wait_for("the warning gone", || !page().contains(banner));
}
