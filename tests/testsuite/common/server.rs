//! A plain static file server for the integration tests: Python's `http.server`, which knows
//! nothing but files and directories, as the simplest stand-in for "any CDN".

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the static server may take to start accepting connections.
const SERVER_START_TIMEOUT: Duration = Duration::from_secs(15);

/// `python3 -m http.server` serving one directory on a free local port; killed when dropped.
pub struct StaticServer {
    child: Child,
    port: u16,
}

/// What [`StaticServer::start_with`] adds to plain `http.server` (`tests/testsuite/common/serve.py`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Serving {
    /// Answer byte-range requests (206), as every real static host and CDN does.
    pub ranges: bool,
    /// Send the headers the output's own `_headers` file asks for (its strict
    /// Content-Security-Policy and the other security headers), as Cloudflare Pages does.
    pub headers: bool,
}

impl StaticServer {
    /// Starts the server on `dir` and waits until it accepts connections.
    pub fn start(dir: &Path) -> Self {
        let port = free_port();
        // The server logs every request to stderr; an unread pipe would fill up and stall it.
        let child = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", &port.to_string(), "--directory"])
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start `python3 -m http.server` (is python3 installed?)");
        let mut server = StaticServer { child, port };
        server.wait_until_ready();
        server
    }

    /// Starts `tests/testsuite/common/serve.py` on `dir`: `http.server` with range requests and/or a
    /// strict Content-Security-Policy.
    pub fn start_with(dir: &Path, serving: Serving) -> Self {
        let port = free_port();
        let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/common/serve.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script).arg("--dir").arg(dir).args(["--port", &port.to_string()]);
        if serving.headers {
            cmd.arg("--headers");
        }
        if !serving.ranges {
            cmd.arg("--no-range");
        }
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tests/testsuite/common/serve.py (is python3 installed?)");
        let mut server = StaticServer { child, port };
        server.wait_until_ready();
        server
    }

    /// Polls the port until a connection succeeds, failing if the server exits or times out.
    fn wait_until_ready(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + SERVER_START_TIMEOUT;
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Some(status) = self.child.try_wait().expect("poll the static server process") {
                panic!("python3 http.server on port {} exited early: {status}", self.port);
            }
            assert!(
                Instant::now() < deadline,
                "python3 http.server did not listen on port {} within {SERVER_START_TIMEOUT:?}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago (bound to port 0, then released).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral local port");
    listener.local_addr().expect("local address of the ephemeral port").port()
}
