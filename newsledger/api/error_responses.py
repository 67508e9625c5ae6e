"""JSON error bodies: every 4xx and 5xx answer is ``{"error": "...", "detail": ...}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.errors import InvalidFilter, LedgerError, RejectedInput

log = logging.getLogger("newsledger.api")


class ApiError(Exception):
    """An error answered as ``{"error": message, "detail": detail}`` with ``status``."""

    def __init__(self, status: int, message: str, detail: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail
        self.headers = headers


def error_response(status: int, message: str, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "detail": jsonable_encoder(detail)},
                        status_code=status, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.detail, exc.headers)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = {404: "not found", 405: "method not allowed"}.get(exc.status_code,
                                                               str(exc.detail))
    return error_response(exc.status_code, message, exc.detail,
                          getattr(exc, "headers", None))


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
              for e in exc.errors()]
    return error_response(422, "invalid request", detail)


async def _rejected(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RejectedInput)
    return error_response(422, "the page cannot be analysed",
                          {"reason": exc.reason, "detail": exc.detail})


async def _ledger(_request: Request, exc: Exception) -> JSONResponse:
    log.error("ledger error: %s", exc)
    return error_response(503, "the ledger cannot answer now", None)


async def _invalid_filter(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidFilter)
    return error_response(422, f"invalid {exc.option}", str(exc))


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal error", "the server failed on this request; "
                          "please report it with the request that caused it")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(RejectedInput, _rejected)
    app.add_exception_handler(LedgerError, _ledger)
    app.add_exception_handler(InvalidFilter, _invalid_filter)
    app.add_exception_handler(Exception, _unexpected)
