"""The cluster configuration snippets of examples/cluster (issue 9): the Kubernetes DaskJob
parses, and its commands are valid ``newsledger batch``, ``dask worker`` and ``dask
scheduler`` invocations with the settings the batch needs; the SLURM script runs a real batch
when dask-jobqueue's ``SLURMCluster`` is stood in for by a local cluster (neither
dask-jobqueue nor dask-kubernetes is a dependency)."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest
import typer
import yaml
from dask.utils import parse_bytes
from distributed.cli.dask_scheduler import main as dask_scheduler
from distributed.cli.dask_worker import main as dask_worker

from newsledger.cli import app
from newsledger.distributed import DEFAULT_MEMORY_LIMIT
from newsledger.store import Ledger
from tests.conftest import SEED

EXAMPLES = Path(__file__).parents[2] / "examples" / "cluster"


def containers(pod: dict[str, Any]) -> dict[str, Any]:
    [container] = pod["spec"]["containers"]
    return container  # type: ignore[no-any-return]


def mounted(pod: dict[str, Any], path: str) -> bool:
    volumes = {v["name"] for v in pod["spec"].get("volumes", [])}
    return any(path.startswith(m["mountPath"]) and m["name"] in volumes
               for m in containers(pod).get("volumeMounts", []))


def test_the_kubernetes_daskjob_runs_newsledger_batch_on_its_cluster() -> None:
    job = yaml.safe_load((EXAMPLES / "kubernetes.yaml").read_text(encoding="utf-8"))
    assert (job["apiVersion"], job["kind"]) == ("kubernetes.dask.org/v1", "DaskJob")
    runner, cluster = job["spec"]["job"], job["spec"]["cluster"]["spec"]
    worker, scheduler = cluster["worker"], cluster["scheduler"]
    pods = (runner, worker, scheduler)
    assert len({containers(pod)["image"] for pod in pods}) == 1

    args = containers(runner)["args"]
    assert args[:2] == ["newsledger", "batch"]
    batch = typer.main.get_command(app).commands["batch"]  # type: ignore[attr-defined]
    params = batch.make_context("batch", list(args[2:])).params
    assert params["scheduler"] == "$(DASK_SCHEDULER_ADDRESS)"
    assert params["db"] == "$(NEWSLEDGER_DB)"
    env = {e["name"] for e in containers(runner)["env"]}
    assert "NEWSLEDGER_DB" in env and "NEWSLEDGER_CACHE_DIR" in env
    assert all(mounted(runner, p) and mounted(worker, p) for p in (*params["inputs"],
                                                                   str(params["out"])))

    args = containers(worker)["args"]
    assert args[:2] == ["dask", "worker"]
    options = dask_worker.make_context("dask worker", list(args[2:])).params
    assert options["nthreads"] == 1  # the models are not shared between threads
    limit = containers(worker)["resources"]["limits"]["memory"]
    assert parse_bytes(options["memory_limit"]) == parse_bytes(limit + "B")
    assert parse_bytes(options["memory_limit"]) == parse_bytes(DEFAULT_MEMORY_LIMIT)

    args = containers(scheduler)["args"]
    assert args[:2] == ["dask", "scheduler"]
    dask_scheduler.make_context("dask scheduler", list(args[2:]))
    service = scheduler["service"]
    assert service["selector"]["dask.org/cluster-name"] == job["metadata"]["name"]
    assert [p["port"] for p in service["ports"] if p["name"] == "tcp-comm"] == [8786]


class _StandIn:
    """dask-jobqueue's SLURMCluster as the script uses it, backed by a local cluster."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, **kwargs: Any) -> None:
        from distributed import LocalCluster

        self.made.append(kwargs)
        self.local = LocalCluster(n_workers=1, threads_per_worker=kwargs["cores"],
                                  processes=False, dashboard_address=None)
        self.scheduler_address = self.local.scheduler_address

    def scale(self, jobs: int) -> None:
        self.made[-1]["jobs"] = jobs

    def __enter__(self) -> _StandIn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.local.close()


# SLURMCluster's keyword arguments (dask-jobqueue 0.8 and later) that the script may use.
SLURM_KEYWORDS = {"queue", "account", "cores", "processes", "memory", "walltime",
                  "job_extra_directives", "local_directory", "log_directory", "name",
                  "interface", "job_script_prologue", "worker_extra_args"}


def test_the_slurm_script_runs_a_batch_on_its_cluster(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask_jobqueue",
                        types.SimpleNamespace(SLURMCluster=_StandIn))
    spec = importlib.util.spec_from_file_location("slurm_example", EXAMPLES / "slurm.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    db = tmp_path / "ledger.db"
    report = script.main([str(SEED), "--out", str(tmp_path / "out"), "--jobs", "3",
                          "--db", str(db)])
    assert (report.ran, report.rejected, report.counts["documents"]) == (1, 0, 1)
    with Ledger.open(str(db)) as ledger:
        assert ledger.count("documents") == 1 and ledger.count("events") > 3
    [made] = _StandIn.made
    assert made["jobs"] == 3 and made["cores"] == made["processes"] == 1
    assert made["memory"] == DEFAULT_MEMORY_LIMIT
    assert set(made) - {"jobs"} <= SLURM_KEYWORDS
