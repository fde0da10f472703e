//! A running `casebook watch`: a child process that is always killed, bounded
//! polling, and a plain HTTP/1.1 client for what it serves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::run::casebook;

/// How long any one wait may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// A port nobody listened on a moment ago.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    listener.local_addr().unwrap().port()
}

/// A running `casebook watch`, killed when dropped (also when a test panics).
pub struct Watch {
    child: Child,
    pub port: u16,
    stderr: Arc<Mutex<String>>,
    /// How long each wait may take: [`PATIENCE`] unless [`Watch::patient`] says otherwise.
    patience: Duration,
}

impl Watch {
    /// Starts `casebook watch --root <root> --port <free port>` and waits
    /// until it prints the URL it serves on.
    pub fn start(root: &Path) -> Watch {
        Watch::patient(root, PATIENCE)
    }

    /// Starts it without waiting for anything.
    pub fn spawn(root: &Path, port: u16) -> Watch {
        let mut child = casebook()
            .arg("watch")
            .arg("--root")
            .arg(root)
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("casebook runs");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let log = Arc::clone(&stderr);
        thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut log = log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Watch {
            child,
            port,
            stderr,
            patience: PATIENCE,
        }
    }

    /// Starts it on a site whose first build may take up to `patience`, and
    /// waits that long for anything after.
    pub fn patient(root: &Path, patience: Duration) -> Watch {
        let mut watch = Watch::spawn(root, free_port());
        watch.patience = patience;
        let url = format!("http://127.0.0.1:{}/", watch.port);
        watch.wait_for(&format!("the URL {url} on stderr"), || {
            watch.stderr().contains(&url).then_some(())
        });
        watch
    }

    /// Everything the child printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn get(&self, target: &str) -> Option<Reply> {
        get(self.port, target)
    }

    /// Polls `check` every 20 ms until it gives a value; fails the test,
    /// showing the child's stderr, if none comes within the patience.
    pub fn wait_for<T>(&self, what: &str, check: impl FnMut() -> Option<T>) -> T {
        self.poll(what, Duration::from_millis(20), check)
    }

    /// [`Watch::wait_for`] with another interval between checks.
    pub fn poll<T>(
        &self,
        what: &str,
        interval: Duration,
        mut check: impl FnMut() -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + self.patience;
        loop {
            if let Some(value) = check() {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "waited {:?} for {what}; casebook's stderr:\n{}",
                self.patience,
                self.stderr()
            );
            thread::sleep(interval);
        }
    }

    /// Polls `GET target` until its body satisfies `check`; returns that body.
    pub fn wait_for_page(&self, target: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        self.wait_for(&format!("{target}: {what}"), || {
            self.get(target).filter(|reply| check(reply))
        })
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does.
    pub fn interrupt(&self) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits, boundedly, for the child to exit by itself.
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain what is left in the pipe.
                thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "casebook did not exit within {PATIENCE:?}; stderr:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// `GET target` from 127.0.0.1, the target sent exactly as written so that no
/// client normalises a hostile path first. `None` if the server is not there.
pub fn get(port: u16, target: &str) -> Option<Reply> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).ok()?;
    stream.set_read_timeout(Some(PATIENCE)).ok()?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let raw = String::from_utf8_lossy(&raw);
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some(Reply {
        status,
        body: body.to_owned(),
    })
}
