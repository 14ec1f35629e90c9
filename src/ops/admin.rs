//! The operator's commands while `krok run` runs: sled lets one process open the store, so
//! `krok bookings` and `krok stats` ask the running process over a Unix socket in the data
//! folder (`admin.sock`, 0600 inside the 0700 folder: only the operator's account can reach
//! it). One request line (`bookings 2026-12-03 table`, `stats 2026-11-01 2026-11-07 csv`), one
//! answer: `ok` or `error: why` on the first line, then the report. Without a running process
//! the commands open the store themselves; the text is the same either way.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::booking::Booking;
use crate::core::booking::{Contact, when_args};
use crate::core::content::Content;
use crate::core::lang::Lang;
use crate::core::message::Msg;

/// The socket's name inside the data folder.
pub const SOCKET: &str = "admin.sock";

pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET)
}

/// What the operator asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    Bookings {
        date: NaiveDate,
        csv: bool,
    },
    Stats {
        from: NaiveDate,
        to: NaiveDate,
        csv: bool,
    },
}

impl Request {
    pub fn to_line(&self) -> String {
        let form = |csv: bool| if csv { "csv" } else { "table" };
        match self {
            Request::Bookings { date, csv } => format!("bookings {date} {}\n", form(*csv)),
            Request::Stats { from, to, csv } => format!("stats {from} {to} {}\n", form(*csv)),
        }
    }

    pub fn parse(line: &str) -> Option<Request> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let csv = |w: &str| match w {
            "csv" => Some(true),
            "table" => Some(false),
            _ => None,
        };
        match words.as_slice() {
            ["bookings", date, form] => Some(Request::Bookings {
                date: date.parse().ok()?,
                csv: csv(form)?,
            }),
            ["stats", from, to, form] => Some(Request::Stats {
                from: from.parse().ok()?,
                to: to.parse().ok()?,
                csv: csv(form)?,
            }),
            _ => None,
        }
    }
}

/// Asks a running `krok run`; `None` when none answers on the socket (then open the store).
pub fn ask(data_dir: &Path, request: &Request) -> Option<anyhow::Result<String>> {
    let mut stream = std::os::unix::net::UnixStream::connect(socket_path(data_dir)).ok()?;
    let timeout = Some(std::time::Duration::from_secs(30));
    let mut exchange = || -> anyhow::Result<String> {
        stream.set_read_timeout(timeout)?;
        stream.write_all(request.to_line().as_bytes())?;
        let mut reader = BufReader::new(&stream);
        let mut status = String::new();
        reader.read_line(&mut status)?;
        let mut body = String::new();
        reader.read_to_string(&mut body)?;
        match status.trim_end().strip_prefix("error: ") {
            Some(why) => anyhow::bail!("the running krok says: {why}"),
            None if status.trim_end() == "ok" => Ok(body),
            None => anyhow::bail!("the running krok gave no answer"),
        }
    };
    Some(exchange())
}

/// A day's bookings as the duty consultants read them: a table, or CSV for a spreadsheet.
/// Without content (a stopped Krok's data read from elsewhere) a kind is shown by its id.
pub fn bookings_report(
    content: Option<&Content>,
    date: NaiveDate,
    list: &[Booking],
    csv: bool,
) -> String {
    let time = |start: i64| when_args(start)[3].1.clone();
    // In the table a phone is read aloud and dialled: in groups; in the CSV as kept.
    let contact = |c: &Contact, grouped: bool| match c {
        Contact::Chat => "chat".to_owned(),
        Contact::Phone(p) if grouped => crate::core::booking::shown_phone(p),
        Contact::Phone(p) => p.clone(),
    };
    let mut out = String::new();
    if csv {
        out.push_str("time,kind,name,contact,language,code\n");
        for b in list {
            let fields = [
                time(b.start),
                b.kind.clone(),
                b.name.clone().unwrap_or_default(),
                contact(&b.contact, false),
                b.lang.to_string(),
                b.code.clone(),
            ];
            let line: Vec<String> = fields.iter().map(|v| crate::csv::field(v)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
        return out;
    }
    out.push_str(&format!("{date}: {} booking(s)\n", list.len()));
    if !list.is_empty() {
        out.push_str(&format!(
            "{:<5}  {:<8} {:<24} {:<17} {:<4}  kind\n",
            "time", "code", "name", "contact", "lang"
        ));
    }
    for b in list {
        let kind = content.map_or_else(
            || b.kind.clone(),
            |c| {
                c.locales
                    .text(Lang::Pl, &Msg::new(format!("booking-kind-{}", b.kind)))
            },
        );
        out.push_str(&format!(
            "{}  {:<8} {:<24} {:<17} {:<4}  {kind}\n",
            time(b.start),
            b.code,
            b.name.clone().unwrap_or_default(),
            contact(&b.contact, true),
            b.lang
        ));
    }
    out
}

/// Demand figures with the "<N" rule, and a heading unless CSV.
pub fn stats_report(
    figures: &[crate::stats::Figure],
    threshold: u32,
    from: NaiveDate,
    to: NaiveDate,
    csv: bool,
) -> String {
    let mut out = String::new();
    if !csv {
        out.push_str(&format!(
            "Krok demand figures {from} to {to}; counts below {threshold} are shown as <{threshold}\n"
        ));
    }
    out.push_str(&crate::stats::report(figures, u64::from(threshold), csv));
    out
}
