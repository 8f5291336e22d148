"""``khobor demo``: the main job on the embedded demo set — extract the sample article, ingest the demo
articles into SQLite, open the web UI."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console


def demo_files() -> tuple[Path, Path]:
    root = Path(str(resources.files("khobor.demo")))
    return root / "putin-raisi-phone-call.txt", root / "articles.jsonl"


def run_demo(db: str, *, host: str = "127.0.0.1", port: int = 8000, serve: bool = True) -> None:
    from ..pipeline import get_pipeline
    from ..readers import read_path
    from ..store.ingest import ingest_paths
    from ..view import render_article

    console = Console(stderr=True)
    sample, articles = demo_files()
    console.rule("[bold]1. extract the sample article[/bold]")
    pipe = get_pipeline()
    doc = pipe.process(next(iter(read_path(str(sample)))))
    render_article(doc)
    console.rule(f"[bold]2. ingest {articles.name} and the sample into {db}[/bold]")
    summary = ingest_paths([str(sample), str(articles)], db, workers=1, progress=True)
    console.print(summary.describe())
    if serve:
        console.rule("[bold]3. web UI[/bold]")
        console.print(f"open http://{host}:{port}/  (Ctrl-C to stop)")
        from ..web.app import serve as run_server

        run_server(db, host=host, port=port)
