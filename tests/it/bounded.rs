//! Every wait of the tests has an end. A process the tests start is waited on for at most a
//! limit: past it, its threads' stacks are printed (gdb, when installed), its whole process
//! group is killed and the test fails naming it. A test that hangs inside this process is
//! caught by a watchdog: once the binary has run `IT_WATCHDOG_MINS` (30) minutes, it
//! prints every thread's stack and exits, so CI fails with the cause instead of running out
//! of time with none.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

/// How long a `krok` command, a stop or a browser script may take before it counts as hung.
pub const PROCESS_LIMIT: Duration = Duration::from_secs(120);

/// After the child ended, how long what it left holding its output (a grandchild) may keep
/// the pipe open before the output read so far is taken as all.
const DRAIN: Duration = Duration::from_secs(10);

/// Starts the watchdog once per test binary.
pub fn watchdog() {
    static START: Once = Once::new();
    START.call_once(|| {
        let minutes = std::env::var("IT_WATCHDOG_MINS")
            .ok()
            .and_then(|m| m.parse::<u64>().ok())
            .unwrap_or(30);
        std::thread::Builder::new()
            .name("watchdog".into())
            .spawn(move || {
                std::thread::sleep(Duration::from_secs(minutes * 60));
                let mut err = std::io::stderr().lock();
                let _ = writeln!(
                    err,
                    "\nwatchdog: the tests have run {minutes} minutes; a test hangs. \
                     Threads (a test's thread is named after it):\n{}\n{}",
                    thread_names(),
                    stacks(std::process::id())
                );
                std::process::exit(101);
            })
            .expect("the watchdog starts");
    });
}

/// The names of this process's threads (the kernel keeps 15 characters of each).
fn thread_names() -> String {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return String::new();
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|name| format!("  {}", name.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every thread's stack of process `pid`, from gdb; or why there is none.
fn stacks(pid: u32) -> String {
    let gdb = Command::new("gdb")
        .args(["-p", &pid.to_string(), "-batch", "-nx"])
        .args(["-ex", "thread apply all bt 30"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
    match gdb {
        Ok(gdb) => {
            let gdb_pid = gdb.id();
            let (status, out, _) = collect(gdb, Duration::from_secs(60));
            let out = String::from_utf8_lossy(&out);
            match status {
                Some(_) => out.into_owned(),
                None => {
                    kill_group(gdb_pid);
                    format!("(gdb did not finish within a minute)\n{out}")
                }
            }
        }
        Err(e) => format!("(no stacks: gdb does not start: {e})"),
    }
}

/// Runs `cmd` with `stdin` as its input and waits for it at most `limit`: its status and
/// output. Past the limit: its stacks, its process group killed, and a panic naming `what`.
pub fn output(cmd: &mut Command, stdin: &[u8], limit: Duration, what: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("{what} does not start: {e}"));
    let mut input = child.stdin.take().expect("piped");
    let stdin = stdin.to_vec();
    // Written from its own thread: a child that does not read would otherwise block us.
    std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let pid = child.id();
    let (status, stdout, stderr) = collect(child, limit);
    let Some(status) = status else {
        panic!(
            "{what} did not end within {limit:?}; it was killed. What it wrote:\n{}\n{}\n\
             Its stacks:\n{}",
            String::from_utf8_lossy(&stdout),
            String::from_utf8_lossy(&stderr),
            hung_stacks(pid)
        );
    };
    Output {
        status,
        stdout,
        stderr,
    }
}

/// Waits for a child at most `limit`: its status. Past the limit: its stacks, the child (and
/// its group, when it leads one) killed, and a panic naming `what`.
pub fn wait(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("the child can be waited on") {
            return status;
        }
        if start.elapsed() > limit {
            let stacks = stacks(child.id());
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not end within {limit:?}; it was killed. Its stacks:\n{stacks}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The stacks of a hung process, then its process group killed.
fn hung_stacks(pid: u32) -> String {
    let stacks = stacks(pid);
    kill_group(pid);
    stacks
}

fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}

/// Waits for `child` at most `limit` while reading its stdout and stderr: its status (`None`
/// when it did not end; it is then left running for the caller to look at and kill) and
/// what it wrote. After it ends, its output is read for at most `DRAIN` more.
fn collect(mut child: Child, limit: Duration) -> (Option<ExitStatus>, Vec<u8>, Vec<u8>) {
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited on") {
            break Some(status);
        }
        if start.elapsed() > limit {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let until = Instant::now()
        + if status.is_some() {
            DRAIN
        } else {
            Duration::ZERO
        };
    let take = |pipe: Option<Pipe>| pipe.map_or_else(Vec::new, |p| p.take(until));
    let (stdout, stderr) = (take(stdout), take(stderr));
    if status.is_none() {
        // Keep the handle from reaping: `hung_stacks` still needs the process.
        std::mem::forget(child);
    }
    (status, stdout, stderr)
}

/// A pipe read to its end by a thread of its own.
struct Pipe {
    read: Arc<Mutex<Vec<u8>>>,
    done: std::sync::mpsc::Receiver<()>,
}

fn drain(mut from: impl Read + Send + 'static) -> Pipe {
    let read = Arc::new(Mutex::new(Vec::new()));
    let (tell, done) = std::sync::mpsc::channel();
    let into = read.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n @ 1..) = from.read(&mut chunk) {
            into.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
        let _ = tell.send(());
    });
    Pipe { read, done }
}

impl Pipe {
    /// What was read, once the pipe ended or at `until`, whichever comes first.
    fn take(self, until: Instant) -> Vec<u8> {
        let _ = self
            .done
            .recv_timeout(until.saturating_duration_since(Instant::now()));
        std::mem::take(&mut *self.read.lock().unwrap())
    }
}

/// As `stopped`, for a drop: whatever happened, at most `STOP_LIMIT` is waited.
pub fn stopped_quietly<T>(runtime: &tokio::runtime::Runtime, serving: tokio::task::JoinHandle<T>) {
    let _ = runtime.block_on(async { tokio::time::timeout(STOP_LIMIT, serving).await });
}

/// How long an adapter told to stop may take.
pub const STOP_LIMIT: Duration = Duration::from_secs(60);

/// Waits at most `STOP_LIMIT` for an adapter's task told to stop: what it returned. A panic
/// naming `what` when it did not stop: a stop that hangs is a fault of its own.
pub fn stopped<T>(
    runtime: &tokio::runtime::Runtime,
    serving: tokio::task::JoinHandle<T>,
    what: &str,
) -> T {
    runtime
        .block_on(async { tokio::time::timeout(STOP_LIMIT, serving).await })
        .unwrap_or_else(|_| panic!("{what} did not stop within {STOP_LIMIT:?} of being told to"))
        .unwrap_or_else(|e| panic!("{what} failed: {e}"))
}

/// A process past its limit is killed with everything it started, and the failure names it;
/// one that ends in time gives its output, also when a child it left holds the pipe open.
#[test]
fn a_process_past_its_limit_is_killed_and_named() {
    let hung = std::panic::catch_unwind(|| {
        output(
            Command::new("sh").args(["-c", "echo started; sleep 300 & echo \"child $!\"; wait"]),
            b"",
            Duration::from_secs(1),
            "a sleeping shell",
        )
    });
    let why = hung.expect_err("the shell outlived its limit");
    let why = why.downcast_ref::<String>().expect("a message");
    assert!(
        why.starts_with("a sleeping shell did not end within 1s") && why.contains("started"),
        "{why}"
    );
    // The shell's own sleep went with it (its process id, not its name: another `sleep 300`
    // on the machine is not this test's).
    let child = why
        .split("child ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pid| pid.parse::<u32>().ok())
        .expect("the shell named its child");
    let gone = || {
        std::fs::read_to_string(format!("/proc/{child}/stat"))
            .map_or(true, |stat| stat.contains(") Z "))
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !gone() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(gone(), "the group was killed: process {child} is left");
    let quick = output(
        Command::new("sh").args(["-c", "read line; echo \"$line\"; sleep 30 &"]),
        b"hello\n",
        Duration::from_secs(30),
        "a quick shell",
    );
    assert!(quick.status.success());
    assert_eq!(String::from_utf8_lossy(&quick.stdout), "hello\n");
}
