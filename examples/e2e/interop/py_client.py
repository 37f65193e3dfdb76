"""The official MCP Python SDK (PyPI `mcp`, pinned in requirements.txt) against AuthPlane, unmodified.

Run by examples/e2e's OfficialSdkInteropTest. Environment: MCP_URL, ISSUER, CLIENT_ID, then CLIENT_SECRET
(ClientCredentialsOAuthProvider) or PRIVATE_KEY_PEM and ALG (PrivateKeyJWTOAuthProvider, private_key_jwt),
REJECTED_TOKEN (a token the MCP server refuses, stored as if left over from earlier). Prints one JSON
object per step on stdout; any failure ends the process with a non-zero exit code.
"""

import asyncio
import json
import os
import sys
import traceback

from mcp import ClientSession
from mcp.client.auth.extensions.client_credentials import (
    ClientCredentialsOAuthProvider,
    PrivateKeyJWTOAuthProvider,
    SignedJWTParameters,
)
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken


class StoredTokens:
    """A TokenStorage that starts with one stored token, as a restarted worker would."""

    def __init__(self, access_token: str) -> None:
        self.tokens: OAuthToken | None = OAuthToken(access_token=access_token, token_type="Bearer")
        self.client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


def step(name: str, **fields: object) -> None:
    print(json.dumps({"step": name, **fields}), flush=True)


def text(result) -> str:
    return " ".join(getattr(c, "text", "") for c in result.content)


async def main() -> None:
    url = os.environ["MCP_URL"]
    storage = StoredTokens(os.environ["REJECTED_TOKEN"])
    client_id = os.environ["CLIENT_ID"]
    if os.environ.get("PRIVATE_KEY_PEM"):
        signing = SignedJWTParameters(
            issuer=client_id,
            subject=client_id,
            signing_key=os.environ["PRIVATE_KEY_PEM"],
            signing_algorithm=os.environ["ALG"],
        )
        provider = PrivateKeyJWTOAuthProvider(
            server_url=url,
            storage=storage,
            client_id=client_id,
            assertion_provider=signing.create_assertion_provider(),
            issuer=os.environ["ISSUER"],
        )
    else:
        provider = ClientCredentialsOAuthProvider(
            server_url=url,
            storage=storage,
            client_id=client_id,
            client_secret=os.environ["CLIENT_SECRET"],
            issuer=os.environ["ISSUER"],
        )
    async with create_mcp_http_client(auth=provider) as http:
        async with streamable_http_client(url, http_client=http) as streams:
            read, write = streams[0], streams[1]
            async with ClientSession(read, write) as session:
                await session.initialize()
                step("initialize", scope=storage.tokens.scope)
                tools = await session.list_tools()
                step("tools", names=sorted(t.name for t in tools.tools))
                whoami = await session.call_tool("whoami", {})
                step("whoami", text=text(whoami), error=bool(whoami.is_error))
                query = await session.call_tool("query", {"input": "status of the nightly build"})
                step("query", text=text(query), error=bool(query.is_error), scope=storage.tokens.scope)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except BaseException as e:  # report the SDK's own error, then fail
        traceback.print_exception(e, file=sys.stderr)
        sys.exit(1)
