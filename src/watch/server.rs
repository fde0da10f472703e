//! The preview server behind `casebook watch`.
//!
//! It serves the output directory as `build` wrote it, so a writer can click
//! through the site while editing. Two things are added on the fly, to HTML
//! responses only, and never written to disk, so the output stays byte-identical
//! to `build`'s: a small script that listens for server-sent events on
//! [`EVENTS_PATH`] and reloads the page, and, while the last rebuild failed, an
//! overlay with its diagnostics.
//!
//! It knows nothing of the pipeline: the caller says [`PreviewServer::reload`]
//! after a good rebuild and [`PreviewServer::show_errors`] after a failed one.
//! It uses std only, one thread per connection: a preview has a handful of
//! clients, and an async runtime would be the largest dependency of the program
//! for no gain here.
//!
//! It serves only what lies inside the output directory: request paths are
//! decoded once and refused if they climb (`..`), and every file is resolved
//! through symlinks and checked to be still inside before it is opened.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use percent_encoding::percent_decode_str;

use super::under;

/// Where the injected script listens. Root-relative, because the preview always
/// serves at `/`, even for a site whose base URL has a path prefix.
pub(crate) const EVENTS_PATH: &str = "/__casebook/events";

/// How long a client may take to send its request or to accept our bytes
/// before its thread gives up on it.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// How often an idle event stream sends a comment: a write to a closed tab
/// fails, which is how its thread learns to stop.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Longest request head we read; a browser's is a few hundred bytes.
const MAX_HEAD: u64 = 16 * 1024;

/// How many ports after a taken one are tried for a suggestion.
const PORTS_TO_TRY: u16 = 100;

/// A running preview server. Cheap to clone; every clone drives the same server.
/// The server runs until the process ends.
#[derive(Clone)]
pub(crate) struct PreviewServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

/// Why the server could not start.
#[derive(Debug)]
pub(crate) enum ServeError {
    /// Another program already listens there.
    PortTaken {
        /// The address asked for, as `ip:port` (`[::1]:1111` for IPv6).
        addr: String,
        /// A port after it that was free a moment ago, if one of the next 100 was.
        suggestion: Option<u16>,
    },
    /// Any other failure to listen, such as an address this machine does not have.
    Io(io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::PortTaken {
                addr,
                suggestion: Some(port),
            } => write!(f, "{addr} is already in use (try --port {port})"),
            ServeError::PortTaken {
                addr,
                suggestion: None,
            } => write!(f, "{addr} is already in use (choose another with --port)"),
            ServeError::Io(error) => write!(f, "cannot start the preview server: {error}"),
        }
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::Io(error) => Some(error),
            ServeError::PortTaken { .. } => None,
        }
    }
}

/// What every connection's thread shares. Owned by the server, not global, so
/// that tests can run several servers side by side.
struct Shared {
    out_dir: PathBuf,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The failed rebuild's diagnostics, until the next good one.
    errors: Option<String>,
    /// The path of `base_url` (`/parler/`): the site is served there too.
    base_path: String,
    /// Counts good rebuilds. Pages carry the number they were served at, so an
    /// event stream that connects after a rebuild it missed can catch up.
    generation: u64,
    /// One sender per open event stream; dropped when its stream has ended.
    clients: Vec<Sender<String>>,
}

impl State {
    fn broadcast(&mut self, frame: &str) {
        self.clients
            .retain(|client| client.send(frame.to_owned()).is_ok());
    }
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic in one connection's thread must not take every later request down.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl PreviewServer {
    /// Listens on `bind:port` and serves `out_dir` from background threads.
    /// Returns once listening; port 0 picks a free port (see [`Self::local_addr`]).
    pub(crate) fn start(
        out_dir: PathBuf,
        bind: IpAddr,
        port: u16,
    ) -> Result<PreviewServer, ServeError> {
        let listener = listen(bind, port)?;
        let addr = listener.local_addr().map_err(ServeError::Io)?;
        let shared = Arc::new(Shared {
            out_dir,
            state: Mutex::default(),
        });
        let accepting = Arc::clone(&shared);
        thread::Builder::new()
            .name("casebook-serve".into())
            .spawn(move || accept_loop(&listener, &accepting))
            .map_err(ServeError::Io)?;
        Ok(PreviewServer { shared, addr })
    }

    /// The address actually listened on.
    pub(crate) fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Clears the error overlay and tells every open page to reload.
    /// Reloads every open page; the site is served under `base_path` too,
    /// where the 404 page's links point.
    pub(crate) fn reload(&self, base_path: &str) {
        let mut state = self.shared.state();
        state.base_path = base_path.to_owned();
        state.errors = None;
        state.generation += 1;
        state.broadcast(&event_frame("reload", ""));
    }

    /// Shows `text` as an overlay on every open page, and on every HTML page
    /// served until the next [`Self::reload`].
    pub(crate) fn show_errors(&self, text: &str) {
        let mut state = self.shared.state();
        state.errors = Some(text.to_owned());
        state.broadcast(&event_frame("errors", text));
    }
}

fn listen(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    match TcpListener::bind((ip, port)) {
        Ok(listener) => Ok(listener),
        Err(error) if error.kind() == io::ErrorKind::AddrInUse => Err(ServeError::PortTaken {
            addr: SocketAddr::new(ip, port).to_string(),
            suggestion: free_port_after(ip, port),
        }),
        Err(error) => Err(ServeError::Io(error)),
    }
}

fn free_port_after(ip: IpAddr, port: u16) -> Option<u16> {
    let candidates = port.saturating_add(1)..=port.saturating_add(PORTS_TO_TRY);
    candidates
        .filter(|candidate| *candidate != port)
        .find(|candidate| TcpListener::bind((ip, *candidate)).is_ok())
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, usually; it passes, so back off, don't spin.
            thread::sleep(Duration::from_millis(50));
            continue;
        };
        let shared = Arc::clone(shared);
        // A thread that cannot be spawned drops its connection; the browser retries.
        let _ = thread::Builder::new().spawn(move || {
            // Errors here are clients going away mid-response: nothing to report.
            let _ = serve_connection(stream, &shared);
        });
    }
}

fn serve_connection(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let line = read_request_head(&stream)?;
    let request = match Request::parse(&line) {
        Ok(request) => request,
        Err(response) => return response.write_to(&mut stream, false),
    };
    if request.path == EVENTS_PATH {
        return stream_events(stream, shared, &request);
    }
    respond(&request, shared).write_to(&mut stream, request.head_only)
}

/// Returns the request line. The headers are read through and dropped: closing a
/// socket with unread bytes resets it, and the browser may lose our response.
fn read_request_head(stream: &TcpStream) -> io::Result<String> {
    let mut reader = BufReader::new(stream).take(MAX_HEAD);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 0 && !header.trim_end().is_empty() {
        header.clear();
    }
    Ok(request_line)
}

/// The parts of a request this server looks at.
struct Request {
    head_only: bool,
    /// As sent, still percent-encoded, without the query.
    path: String,
    query: Option<String>,
}

impl Request {
    fn parse(line: &str) -> Result<Request, Response> {
        let mut parts = line.split_whitespace();
        let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
            return Err(Response::text(400, "bad request"));
        };
        let head_only = match method {
            "GET" => false,
            "HEAD" => true,
            _ => return Err(Response::text(405, "only GET and HEAD").header("Allow", "GET, HEAD")),
        };
        if !target.starts_with('/') {
            return Err(Response::text(400, "bad request target"));
        }
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query.to_owned())),
            None => (target, None),
        };
        Ok(Request {
            head_only,
            path: path.to_owned(),
            query,
        })
    }

    /// The generation the requesting page was served at, from `?since=N`.
    fn since(&self) -> Option<u64> {
        let query = self.query.as_deref()?;
        let pairs = query.split('&').filter_map(|pair| pair.split_once('='));
        pairs
            .filter(|(key, _)| *key == "since")
            .find_map(|(_, value)| value.parse().ok())
    }
}

fn respond(request: &Request, shared: &Shared) -> Response {
    let mut resolved = resolve(&shared.out_dir, &request.path);
    let base = shared.state().base_path.clone();
    if let (Resolved::NotFound, Some(inner)) = (&resolved, under(&request.path, &base)) {
        resolved = resolve(&shared.out_dir, inner);
    }
    match resolved {
        Resolved::File(path) => {
            file_response(&path, 200, shared).unwrap_or_else(|_| not_found(shared))
        }
        Resolved::Directory => redirect_to_directory(request),
        Resolved::Forbidden => Response::text(403, "403 Forbidden"),
        Resolved::NotFound => not_found(shared),
    }
}

/// `/x` names a folder: send the browser to `/x/`, or relative links in its
/// index page would resolve against the parent folder.
fn redirect_to_directory(request: &Request) -> Response {
    // One leading slash only: `//host/` would send the browser to another site.
    let mut location = format!("/{}/", request.path.trim_start_matches('/'));
    if let Some(query) = &request.query {
        location = format!("{location}?{query}");
    }
    Response::text(301, "moved").header("Location", &location)
}

fn not_found(shared: &Shared) -> Response {
    let page = match resolve(&shared.out_dir, "/404.html") {
        Resolved::File(path) => file_response(&path, 404, shared).ok(),
        _ => None,
    };
    page.unwrap_or_else(|| Response::text(404, "404 Not Found"))
}

/// Where a request path leads inside the output directory.
#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Directory,
    Forbidden,
    NotFound,
}

fn resolve(out_dir: &Path, raw_path: &str) -> Resolved {
    let Some(relative) = safe_relative_path(raw_path) else {
        return Resolved::Forbidden;
    };
    // Resolved on every request: the build replaces the output directory by a
    // rename, so anything kept from an earlier request may name a deleted tree.
    let Ok(root) = fs::canonicalize(out_dir) else {
        return Resolved::NotFound;
    };
    let path = root.join(relative);
    match inside(&root, &path) {
        Resolved::Directory if raw_path.ends_with('/') => {
            match inside(&root, &path.join("index.html")) {
                Resolved::Directory => Resolved::NotFound,
                other => other,
            }
        }
        other => other,
    }
}

/// What `path` is once symlinks are followed, provided it stays under `root`
/// (itself canonical). A symlink that leads out is refused, not followed.
fn inside(root: &Path, path: &Path) -> Resolved {
    let Ok(real) = fs::canonicalize(path) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(root) {
        return Resolved::Forbidden;
    }
    match fs::metadata(&real) {
        Ok(meta) if meta.is_file() => Resolved::File(real),
        Ok(meta) if meta.is_dir() => Resolved::Directory,
        _ => Resolved::NotFound,
    }
}

/// The request path as a path relative to the output directory, or `None` if it
/// tries to leave it. Percent-encoding is decoded exactly once: decoding again
/// would turn `%252e%252e` into `..` after the check.
fn safe_relative_path(raw_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(raw_path).decode_utf8().ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut relative = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        // Exactly one plain name: refuses `..`, and a drive prefix on Windows.
        let mut components = Path::new(segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(name)), None) => relative.push(name),
            _ => return None,
        }
    }
    Some(relative)
}

/// A whole file as a response. HTML is read into memory to inject the page
/// script; anything else is streamed.
fn file_response(path: &Path, status: u16, shared: &Shared) -> io::Result<Response> {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        let html = fs::read(path)?;
        Body::Bytes(inject(html, &page_snippet(&shared.state())))
    } else {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        Body::File(file, len)
    };
    Ok(Response::new(status, content_type, body))
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        other => binary_content_type(other),
    }
}

fn binary_content_type(extension: &str) -> &'static str {
    match extension {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Puts `snippet` before the last `</body>`, or at the end of a page without one.
fn inject(mut html: Vec<u8>, snippet: &str) -> Vec<u8> {
    let at = html
        .windows(b"</body>".len())
        .rposition(|window| window.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, snippet.bytes());
    html
}

/// The overlay, if the last rebuild failed, and the reload script.
fn page_snippet(state: &State) -> String {
    let overlay = state
        .errors
        .as_deref()
        .map(overlay_html)
        .unwrap_or_default();
    format!("{overlay}{}", reload_script(state.generation))
}

const OVERLAY_STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;\
    margin:0;padding:2em;background:rgba(24,24,24,.95);color:#f4f4f4;\
    font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";

const OVERLAY_BUTTON_STYLE: &str = "float:right;font:inherit;padding:.2em .8em;cursor:pointer";

/// The overlay showing `text` (escaped). The script builds the same one, from
/// `overlay_html("")`, when errors arrive on a page already open.
fn overlay_html(text: &str) -> String {
    format!(
        "<div id=\"__casebook-overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\">\
         <button type=\"button\" onclick=\"this.parentNode.remove()\" \
         style=\"{OVERLAY_BUTTON_STYLE}\">Dismiss</button>\
         <p style=\"margin:0 0 1em;color:#ff8a80;font-weight:bold\">\
         casebook: the last rebuild failed; this is the last good site.</p>\
         <pre style=\"margin:0;white-space:pre-wrap\">{}</pre></div>",
        escape_html(text)
    )
}

fn reload_script(generation: u64) -> String {
    // The skeleton sits in a single-quoted JS string: it has no `'`, `\` or `</`
    // other than its own closing tags, which cannot end a <script> element.
    let skeleton = overlay_html("");
    format!(
        "<script>(function () {{\n\
         var source = new EventSource('{EVENTS_PATH}?since={generation}');\n\
         source.addEventListener('reload', function () {{ location.reload(); }});\n\
         source.addEventListener('errors', function (event) {{\n\
         var old = document.getElementById('__casebook-overlay');\n\
         if (old) {{ old.remove(); }}\n\
         var holder = document.createElement('div');\n\
         holder.innerHTML = '{skeleton}';\n\
         var overlay = holder.firstChild;\n\
         overlay.querySelector('pre').textContent = event.data;\n\
         document.body.appendChild(overlay);\n\
         }});\n\
         addEventListener('pagehide', function () {{ source.close(); }});\n\
         }})();</script>\n"
    )
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Holds one event stream open: registers the client, then writes each event
/// sent to it, and a comment when idle, until a write fails.
fn stream_events(mut stream: TcpStream, shared: &Shared, request: &Request) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
          Cache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    if request.head_only {
        return Ok(());
    }
    let (sender, events) = mpsc::channel();
    let greeting = subscribe(shared, sender, request.since());
    stream.write_all(greeting.as_bytes())?;
    loop {
        let frame = match events.recv_timeout(KEEP_ALIVE) {
            Ok(frame) => frame,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_owned(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        stream.write_all(frame.as_bytes())?;
    }
}

/// Registers a client and returns what it must hear first: a quick reconnect
/// delay (the server restarts with `watch`), then a reload if its page predates
/// the last rebuild, or the pending errors.
fn subscribe(shared: &Shared, client: Sender<String>, since: Option<u64>) -> String {
    let mut state = shared.state();
    let mut greeting = String::from("retry: 1000\n\n");
    if since.is_some_and(|generation| generation != state.generation) {
        greeting.push_str(&event_frame("reload", ""));
    } else if let Some(errors) = &state.errors {
        greeting.push_str(&event_frame("errors", errors));
    }
    state.clients.push(client);
    greeting
}

/// One server-sent event. Each line of `data` gets its own `data:` field; the
/// browser joins them with newlines again.
fn event_frame(event: &str, data: &str) -> String {
    let mut frame = format!("event: {event}\n");
    for line in data.replace('\r', "").split('\n') {
        frame.push_str(&format!("data: {line}\n"));
    }
    frame.push('\n');
    frame
}

struct Response {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    /// An open file and the length it had when opened.
    File(File, u64),
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: Body) -> Response {
        Response {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    fn text(status: u16, text: &str) -> Response {
        let body = Body::Bytes(format!("{text}\n").into_bytes());
        Response::new(status, "text/plain; charset=utf-8", body)
    }

    fn header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn len(&self) -> u64 {
        match &self.body {
            Body::Bytes(bytes) => bytes.len() as u64,
            Body::File(_, len) => *len,
        }
    }

    fn write_to(self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
             Connection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        match self.body {
            _ if head_only => Ok(()),
            Body::Bytes(bytes) => stream.write_all(&bytes),
            Body::File(file, len) => io::copy(&mut file.take(len), stream).map(drop),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
    use std::path::Path;
    use std::time::Duration;

    use tempfile::TempDir;

    use super::{
        event_frame, inject, overlay_html, reload_script, safe_relative_path, PreviewServer,
        ServeError, EVENTS_PATH,
    };

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    /// A temp folder holding `public/` (the output) and, beside it, a secret
    /// file that must never be served.
    fn site() -> (TempDir, PreviewServer) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("x")).unwrap();
        fs::write(
            out.join("index.html"),
            "<html><body><h1>Home</h1></body></html>",
        )
        .unwrap();
        fs::write(out.join("x/index.html"), "<html><body>X page</body></html>").unwrap();
        fs::write(out.join("style.css"), "body { color: black }").unwrap();
        fs::write(
            out.join("404.html"),
            "<html><body>Nothing here</body></html>",
        )
        .unwrap();
        fs::write(dir.path().join("secret"), "TOP SECRET").unwrap();
        let server = PreviewServer::start(out, LOOPBACK, 0).unwrap();
        (dir, server)
    }

    struct Reply {
        status: u16,
        head: String,
        body: String,
    }

    /// Sends `method target` as written, byte for byte, so that no client
    /// library normalises a hostile path before the server sees it.
    fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Reply {
            status,
            head: head.to_owned(),
            body: body.to_owned(),
        }
    }

    fn get(server: &PreviewServer, target: &str) -> Reply {
        request(server.local_addr(), "GET", target)
    }

    #[test]
    fn root_serves_index_with_the_reload_script() {
        let (_dir, server) = site();
        let reply = get(&server, "/");
        assert_eq!(reply.status, 200);
        assert!(reply
            .head
            .contains("Content-Type: text/html; charset=utf-8"));
        assert!(reply.body.starts_with("<html><body><h1>Home</h1><script>"));
        assert!(reply.body.contains(EVENTS_PATH));
        assert!(reply.body.ends_with("</body></html>"));
        let length = format!("Content-Length: {}", reply.body.len());
        assert!(reply.head.contains(&length), "{}", reply.head);
    }

    #[test]
    fn folder_with_slash_serves_its_index() {
        let (_dir, server) = site();
        let reply = get(&server, "/x/");
        assert_eq!(reply.status, 200);
        assert!(reply.body.starts_with("<html><body>X page<script>"));
    }

    #[test]
    fn folder_without_slash_redirects_to_it() {
        let (_dir, server) = site();
        let reply = get(&server, "/x?lang=fr");
        assert_eq!(reply.status, 301);
        assert!(
            reply.head.contains("\r\nLocation: /x/?lang=fr"),
            "{}",
            reply.head
        );
    }

    #[test]
    fn redirect_never_leads_to_another_host() {
        let (_dir, server) = site();
        let reply = get(&server, "//x");
        assert_eq!(reply.status, 301);
        assert!(reply.head.contains("\r\nLocation: /x/"), "{}", reply.head);
    }

    #[test]
    fn css_is_served_as_css_without_injection() {
        let (_dir, server) = site();
        let reply = get(&server, "/style.css");
        assert_eq!(reply.status, 200);
        assert!(reply.head.contains("Content-Type: text/css; charset=utf-8"));
        assert_eq!(reply.body, "body { color: black }");
    }

    #[test]
    fn missing_file_gets_the_404_page_with_status_404() {
        let (_dir, server) = site();
        let reply = get(&server, "/no/such/page.html");
        assert_eq!(reply.status, 404);
        assert!(reply.body.starts_with("<html><body>Nothing here<script>"));
    }

    #[test]
    fn missing_404_page_gets_a_plain_404() {
        let (dir, server) = site();
        fs::remove_file(dir.path().join("public/404.html")).unwrap();
        let reply = get(&server, "/nope");
        assert_eq!(reply.status, 404);
        assert_eq!(reply.body, "404 Not Found\n");
    }

    #[test]
    fn paths_climbing_out_of_the_output_are_refused() {
        let (_dir, server) = site();
        let attempts = [
            "/../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/..%2fsecret",
            "/x/../../secret",
            "/..%5csecret",
            "/%00",
        ];
        for target in attempts {
            let reply = get(&server, target);
            assert!(
                [403, 404].contains(&reply.status),
                "{target}: {}",
                reply.status
            );
            assert!(!reply.body.contains("TOP SECRET"), "{target}");
        }
    }

    #[test]
    fn double_encoding_is_decoded_once() {
        assert_eq!(
            safe_relative_path("/%252e%252e/secret"),
            Some(Path::new("%2e%2e/secret").to_path_buf())
        );
        assert_eq!(
            safe_relative_path("/a/./b//c"),
            Some(Path::new("a/b/c").to_path_buf())
        );
        assert_eq!(safe_relative_path("/a/%2e%2e"), None);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_leading_out_of_the_output_is_refused() {
        let (dir, server) = site();
        let link = dir.path().join("public/leak.txt");
        std::os::unix::fs::symlink(dir.path().join("secret"), link).unwrap();
        let reply = get(&server, "/leak.txt");
        assert_eq!(reply.status, 403);
        assert!(!reply.body.contains("TOP SECRET"));
    }

    #[test]
    fn output_replaced_by_a_rename_is_served_fresh() {
        let (dir, server) = site();
        let fresh = dir.path().join("public.new");
        fs::create_dir(&fresh).unwrap();
        fs::write(fresh.join("style.css"), "new").unwrap();
        fs::rename(dir.path().join("public"), dir.path().join("public.old")).unwrap();
        fs::rename(&fresh, dir.path().join("public")).unwrap();
        assert_eq!(get(&server, "/style.css").body, "new");
    }

    #[test]
    fn taken_port_is_reported_with_a_free_one() {
        let taken = TcpListener::bind((LOOPBACK, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let error = PreviewServer::start("public".into(), LOOPBACK, port)
            .err()
            .unwrap();
        let ServeError::PortTaken { addr, suggestion } = &error else {
            panic!("expected PortTaken, got {error:?}");
        };
        assert_eq!(addr, &format!("127.0.0.1:{port}"));
        let suggestion = suggestion.expect("a free port after a taken one");
        assert_ne!(suggestion, port);
        let message = error.to_string();
        assert_eq!(
            message,
            format!("127.0.0.1:{port} is already in use (try --port {suggestion})")
        );
    }

    #[test]
    fn errors_are_shown_escaped_until_the_next_reload() {
        let (_dir, server) = site();
        server.show_errors("content/claim.md:3:1: unknown party <acme & co>");
        let page = get(&server, "/").body;
        assert!(page.contains("__casebook-overlay"));
        assert!(
            page.contains("unknown party &lt;acme &amp; co&gt;"),
            "{page}"
        );
        assert!(!page.contains("<acme"));
        server.reload("/");
        assert!(!get(&server, "/").body.contains("unknown party"));
    }

    #[test]
    fn css_is_untouched_while_errors_are_shown() {
        let (_dir, server) = site();
        server.show_errors("broken");
        assert_eq!(get(&server, "/style.css").body, "body { color: black }");
    }

    /// Opens an event stream and reads up to the end of its greeting, by which
    /// time the server has registered it.
    fn open_events(server: &PreviewServer, target: &str) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(server.local_addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let head = read_until(&mut reader, "retry: 1000");
        assert!(head.contains("Content-Type: text/event-stream"), "{head}");
        reader
    }

    /// Reads lines until one equals `wanted`; returns everything read.
    fn read_until(reader: &mut BufReader<TcpStream>, wanted: &str) -> String {
        let mut seen = String::new();
        loop {
            let mut line = String::new();
            assert!(
                reader.read_line(&mut line).unwrap() > 0,
                "stream ended: {seen}"
            );
            seen.push_str(&line);
            if line.trim_end() == wanted {
                return seen;
            }
        }
    }

    #[test]
    fn reload_reaches_open_event_streams() {
        let (_dir, server) = site();
        let mut events = open_events(&server, EVENTS_PATH);
        server.reload("/");
        read_until(&mut events, "event: reload");
    }

    #[test]
    fn errors_reach_open_event_streams_line_by_line() {
        let (_dir, server) = site();
        let mut events = open_events(&server, EVENTS_PATH);
        server.show_errors("first\nsecond");
        read_until(&mut events, "event: errors");
        read_until(&mut events, "data: first");
        read_until(&mut events, "data: second");
    }

    #[test]
    fn page_that_missed_a_rebuild_reloads_on_connecting() {
        let (_dir, server) = site();
        assert!(get(&server, "/").body.contains("?since=0"));
        server.reload("/");
        let mut events = open_events(&server, &format!("{EVENTS_PATH}?since=0"));
        read_until(&mut events, "event: reload");
    }

    #[test]
    fn head_sends_the_headers_of_get_without_a_body() {
        let (_dir, server) = site();
        let get_reply = get(&server, "/");
        let head_reply = request(server.local_addr(), "HEAD", "/");
        assert_eq!(head_reply.status, 200);
        assert_eq!(head_reply.body, "");
        let length = format!("Content-Length: {}", get_reply.body.len());
        assert!(head_reply.head.contains(&length), "{}", head_reply.head);
    }

    #[test]
    fn other_methods_are_refused() {
        let (_dir, server) = site();
        let reply = request(server.local_addr(), "POST", "/");
        assert_eq!(reply.status, 405);
        assert!(reply.head.contains("Allow: GET, HEAD"));
    }

    #[test]
    fn page_without_body_tag_gets_the_script_appended() {
        assert_eq!(inject(b"<p>hi".to_vec(), "<s>"), b"<p>hi<s>");
        assert_eq!(inject(b"a</BODY>b".to_vec(), "<s>"), b"a<s></BODY>b");
    }

    #[test]
    fn overlay_skeleton_fits_in_a_single_quoted_script_string() {
        let skeleton = overlay_html("");
        assert!(!skeleton.contains(['\'', '\\', '\n']));
        assert_eq!(reload_script(0).matches("</script>").count(), 1);
    }

    #[test]
    fn multi_line_event_data_gets_one_field_per_line() {
        let frame = event_frame("errors", "a\r\nb");
        assert_eq!(frame, "event: errors\ndata: a\ndata: b\n\n");
    }

    #[test]
    fn content_types_cover_common_assets() {
        let cases = [
            ("a.svg", "image/svg+xml"),
            ("a.PNG", "image/png"),
            ("a.jpeg", "image/jpeg"),
            ("a.woff2", "font/woff2"),
            ("a.pdf", "application/pdf"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.xml", "application/xml"),
            ("a.ico", "image/x-icon"),
            ("a.webp", "image/webp"),
            ("a", "application/octet-stream"),
        ];
        for (name, expected) in cases {
            assert_eq!(super::content_type(Path::new(name)), expected, "{name}");
        }
    }
}
