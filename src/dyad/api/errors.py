"""One JSON error shape for every error the API returns:

    {"error": {"code": "not_found", "message": "no event abc", "status": 404}}

``code`` is a short stable word (or a dyad error code such as E100 for a
library error); ``message`` one line for people.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DyadError, InputError

__all__ = ["ApiError", "error_body", "install_handlers"]

_CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid",
    500: "internal", 503: "unavailable",
}


class ApiError(Exception):
    """An error the API answers with: status, code, message."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "status": status}}


def _respond(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for item in err.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _respond(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    if status == 404 and message == "Not Found":
        message = f"no such resource: {request.url.path}"
    elif status == 405:
        message = f"method {request.method} not allowed on {request.url.path}"
    return _respond(status, _CODES.get(status, "error"), message, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _respond(422, "invalid", _validation_message(exc))


async def _dyad_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DyadError)
    status = 422 if isinstance(exc, InputError) else 500
    return _respond(status, exc.code, str(exc.args[0]))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    return _respond(500, "internal", f"internal error: {type(exc).__name__}")


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DyadError, _dyad_error)
    app.add_exception_handler(Exception, _unexpected)
