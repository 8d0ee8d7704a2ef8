"""A local HTTP server for fetch tests: routes set per test, bytes sent counted per request."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = """<!DOCTYPE html><html><head><title>一家科技媒体的三次转型</title>
<meta name="author" content="李四"><meta property="article:published_time" content="2019-04-01">
</head><body><nav>首页 | 新闻 | 关于我们</nav><article><h1>一家科技媒体的三次转型</h1>
<p>2011年，创始人在北京中关村的一间小办公室里开始写第一篇文章，那时团队只有三个人。</p>
<p>两年后，公司拿到第一笔融资，开始招聘编辑和销售，并把办公室搬到了望京。</p>
<p>2015年，它上线了数据库产品，收入第一次超过广告，成为公司最重要的业务。</p>
</article><footer>版权所有 © 2019 某某网 京ICP备12345678号</footer></body></html>"""


class Route:
    """What the server answers at a path: status, headers and a body (bytes, or chunks to stream)."""

    def __init__(self, body=b"", *, status=200, headers=None, chunks=None):
        self.body, self.status, self.headers, self.chunks = body, status, headers or {}, chunks
        self.sent = 0
        self.hits = 0
        self.done = threading.Event()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # a body without Content-Length ends when the connection closes

    def do_GET(self):
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route.hits += 1
        try:
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            for chunk in route.chunks() if route.chunks else [route.body]:
                self.wfile.write(chunk)
                route.sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            route.done.set()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """Serve routes on 127.0.0.1 in a thread; yield the server (``.routes``, ``.url(path)``)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.routes = {}
    httpd.url = lambda path: f"http://127.0.0.1:{httpd.server_address[1]}{path}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_private(settings):
    settings.ANNALS_FETCH_ALLOW_PRIVATE = True
    return settings


@pytest.fixture
def refuse_private(settings):
    settings.ANNALS_FETCH_ALLOW_PRIVATE = False
    return settings
