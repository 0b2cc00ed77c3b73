//! A small W3C WebDriver client for the portal's tests and benchmark:
//! starts Debian's `chromedriver` with headless Chromium and speaks JSON to
//! it over plain HTTP (no client crate needed for a dozen commands).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    /// Chromium's own profile folder, removed with the browser.
    profile: Option<tempfile::TempDir>,
}

impl Browser {
    /// Chromium for a test, or a loud skip when it is missing outside CI
    /// (CI installs it).
    #[allow(dead_code)] // The benchmark includes this file too.
    pub fn for_tests() -> Option<Browser> {
        match Browser::start() {
            Ok(browser) => Some(browser),
            Err(why) => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI must have chromium and chromium-driver (see .ci/run): {why}"
                );
                eprintln!("SKIPPED: chromium / chromedriver not usable: {why}");
                None
            }
        }
    }

    /// Headless Chromium with a phone-sized window, or why not. Browsers
    /// start one at a time and a failed start is tried again: on a loaded
    /// two-core machine a start can time out, and a port picked free can be
    /// taken by another test before chromedriver binds it.
    pub fn start() -> Result<Browser, String> {
        static STARTING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = STARTING.lock().unwrap_or_else(|e| e.into_inner());
        let mut why = String::new();
        for _attempt in 0..3 {
            match Browser::start_once() {
                Ok(browser) => return Ok(browser),
                Err(e) if e.starts_with("chromedriver:") => return Err(e),
                Err(e) => why = e,
            }
        }
        Err(why)
    }

    fn start_once() -> Result<Browser, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("chromedriver: {e}"))?;
        let mut browser = Browser { driver, port, session: String::new(), profile: None };
        let ready = Instant::now();
        while let Err(e) = browser.request("GET", "/status", None) {
            if ready.elapsed() > Duration::from_secs(30) {
                return Err(format!("chromedriver did not answer on port {port}: {e}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().map_err(|e| format!("profile folder: {e}"))?;
        let binary =
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().find(|p| std::path::Path::new(p).exists());
        // The background-networking flags keep Chromium from reaching out to
        // a network the test machine does not have.
        let mut options = json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=412,915",
            "--allow-file-access-from-files", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            format!("--user-data-dir={}", profile.path().display())] });
        browser.profile = Some(profile);
        if let Some(binary) = binary {
            options["binary"] = json!(binary);
        }
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options, "goog:loggingPrefs": { "browser": "ALL" } } } });
        let created = browser.request("POST", "/session", Some(capabilities))?;
        browser.session =
            created["value"]["sessionId"].as_str().ok_or_else(|| format!("no session in {created}"))?.to_owned();
        Ok(browser)
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes())).map_err(|e| e.to_string())?;
        // chromedriver may keep the connection open: read the head, then as
        // many bytes as it announces.
        let mut answer = Vec::new();
        let mut byte = [0u8; 4096];
        let head_end = loop {
            let n = stream.read(&mut byte).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("connection closed".into());
            }
            answer.extend_from_slice(&byte[..n]);
            if let Some(at) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
        };
        let head = String::from_utf8_lossy(&answer[..head_end]).to_ascii_lowercase();
        let length =
            head.lines().find_map(|l| l.strip_prefix("content-length:").and_then(|v| v.trim().parse::<usize>().ok()));
        let chunked = head.contains("transfer-encoding: chunked");
        loop {
            let have = answer.len() - head_end;
            let done = match length {
                Some(length) => have >= length,
                None if chunked => answer.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if done {
                break;
            }
            let n = stream.read(&mut byte).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&byte[..n]);
        }
        let body = String::from_utf8_lossy(&answer[head_end..]).into_owned();
        let body = if chunked { unchunk(&body) } else { body };
        let value: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
        if value["value"]["error"].is_string() {
            return Err(format!("{}: {}", value["value"]["error"], value["value"]["message"]));
        }
        Ok(value)
    }

    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.request(method, &path, body).unwrap_or_else(|e| panic!("WebDriver {path}: {e}"))["value"].clone()
    }

    pub fn open(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and gives
    /// what it returns.
    pub fn run(&self, script: &str, args: Value) -> Value {
        self.command("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    /// Runs `script`, which calls its last argument with the result when
    /// done (the benchmark's).
    #[allow(dead_code)]
    pub fn run_async(&self, script: &str, args: Value) -> Value {
        self.command("POST", "/execute/async", Some(json!({ "script": script, "args": args })))
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> String {
        let found = self.command("POST", "/element", Some(json!({ "using": "css selector", "value": css })));
        found[ELEMENT].as_str().unwrap_or_else(|| panic!("no {css}")).to_owned()
    }

    pub fn type_into(&self, element: &str, text: &str) {
        self.command("POST", &format!("/element/{element}/value"), Some(json!({ "text": text })));
    }

    pub fn clear(&self, element: &str) {
        self.command("POST", &format!("/element/{element}/clear"), Some(json!({})));
    }

    pub fn click(&self, element: &str) {
        self.command("POST", &format!("/element/{element}/click"), Some(json!({})));
    }

    /// Waits until `script` returns true, or fails after `seconds`.
    pub fn wait_for(&self, script: &str, seconds: u64) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(seconds) {
            if self
                .request(
                    "POST",
                    &format!("/session/{}/execute/sync", self.session),
                    Some(json!({ "script": script, "args": [] })),
                )
                .is_ok_and(|v| v["value"] == json!(true))
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// A viewport of `width` x `height` CSS pixels; a phone's (`mobile`)
    /// honours the page's viewport meta, has overlay scrollbars and takes touch.
    #[allow(dead_code)]
    pub fn viewport(&self, width: u32, height: u32, mobile: bool) {
        let metrics = json!({ "width": width, "height": height, "deviceScaleFactor": if mobile { 2 } else { 1 }, "mobile": mobile });
        self.devtools("Emulation.setDeviceMetricsOverride", metrics);
        self.devtools("Emulation.setTouchEmulationEnabled", json!({ "enabled": mobile, "maxTouchPoints": 5 }));
    }

    /// A Chrome DevTools Protocol command, through chromedriver.
    #[allow(dead_code)]
    pub fn devtools(&self, cmd: &str, params: Value) -> Value {
        self.command("POST", "/goog/cdp/execute", Some(json!({ "cmd": cmd, "params": params })))
    }

    /// The element's role as assistive technology reads it.
    #[allow(dead_code)]
    pub fn computed_role(&self, element: &str) -> String {
        self.command("GET", &format!("/element/{element}/computedrole"), None).as_str().unwrap_or_default().to_owned()
    }

    /// Performs W3C input `actions` (pointers, keys), then releases them.
    #[allow(dead_code)]
    pub fn perform(&self, actions: Value) {
        self.command("POST", "/actions", Some(json!({ "actions": actions })));
        self.command("DELETE", "/actions", None);
    }

    /// The browser console's messages of level SEVERE since the last call.
    pub fn console_errors(&self) -> Vec<String> {
        let logs = self.command("POST", "/se/log", Some(json!({ "type": "browser" })));
        logs.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.request("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn unchunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || tail.len() < size {
            break;
        }
        out.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    out
}
