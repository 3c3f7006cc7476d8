"""usage: drand_commit_v2.py HOTKEY_HEX -> prints '<commit hex> <reveal round>' from
bittensor_drand.get_encrypted_commit_v2 with fixed weights (uids [0, 1, 5], weights [100, 200, 65535],
version_key 7), i.e. the raw ciphertext the chain stores."""
import sys

import bittensor_drand

commit, reveal_round = bittensor_drand.get_encrypted_commit_v2(
    [0, 1, 5], [100, 200, 65535], 7,
    1000, 0, 10, 360, 5, 1005, 1, 12.0, bytes.fromhex(sys.argv[1]))
print(bytes(commit).hex(), reveal_round)
