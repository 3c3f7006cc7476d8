"""Shared helpers for the SN27 interop tools: offline patches, key loading, clean stdout.

Import this module before anything else from bittensor. Conventions for all tools:
stdout carries only the tool's machine-readable result (use emit()); every diagnostic,
including the SDK's own logging, goes to stderr.
"""
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True           # never write .pyc files into the source tree

# The SDK's log handler is bound to sys.stdout when bittensor is imported; point it at stderr
# so that stdout stays machine-readable.
_STDOUT = sys.stdout
sys.stdout = sys.stderr

os.environ["BT_NO_PARSE_CLI_ARGS"] = "1"  # never let the SDK parse our argv
# Importing bittensor creates ~/.bittensor/{wallets,miners}; with an unwritable HOME use a temp one.
try:
    os.makedirs(os.path.expanduser("~/.bittensor"), exist_ok=True)
except OSError:
    os.environ["HOME"] = os.path.join(tempfile.gettempdir(), f"sn27-interop-home-{os.getuid()}")

import bittensor as bt  # noqa: E402
import bittensor.utils.networking as _networking  # noqa: E402
from bittensor_wallet import Keypair  # noqa: E402

# Offline: Axon/Dendrite constructors call get_external_ip(), which asks public IP-echo
# services and raises ExternalIPNotFound without internet. Pin it to loopback.
_networking.get_external_ip = lambda: "127.0.0.1"
bt.logging.set_warning()


def emit(obj=None, text=None):
    """Write one result line (JSON object or plain text) to the real stdout and flush."""
    _STDOUT.write((text if text is not None else json.dumps(obj, default=str)) + "\n")
    _STDOUT.flush()


def fail(message, code=2):
    """Print an error to stderr and exit."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


def add_key_args(parser, required=True):
    """--mnemonic WORDS | --seed 0x<32-byte mini secret>  (an sr25519 key)."""
    g = parser.add_mutually_exclusive_group(required=required)
    g.add_argument("--mnemonic", help="BIP39 mnemonic (bittensor derivation, empty passphrase)")
    g.add_argument("--seed", help="0x-prefixed 32-byte hex mini secret")


def keypair_from_args(args) -> Keypair:
    try:
        if args.mnemonic:
            return Keypair.create_from_mnemonic(" ".join(args.mnemonic.split()))
        seed = args.seed[2:] if args.seed.lower().startswith("0x") else args.seed
        if len(seed) != 64:
            raise ValueError("seed must be 32 bytes (64 hex chars)")
        bytes.fromhex(seed)  # validate
        return Keypair.create_from_seed(seed)
    except Exception as e:  # bad mnemonic / bad hex
        fail(f"cannot load key: {e}")


class KeyWallet:
    """Just enough of bittensor_wallet.Wallet for bt.Axon (hotkey, coldkeypub); no files."""

    def __init__(self, keypair: Keypair):
        self.hotkey = keypair
        self.coldkeypub = keypair
        self.name = "interop"
