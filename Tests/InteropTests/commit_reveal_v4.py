"""Reference values for the Swift commit-reveal v4 code, from the real Python packages.

Reads one JSON object on stdin:
  {"rounds": [ {last_epoch_block, pending_epoch_at, subnet_epoch_index, tempo,
                blocks_since_last_step, current_block, subnet_reveal_period_epochs,
                block_time, uids, weights, version_key, hotkey_hex}, ... ],
   "payloads": [ {hotkey_hex, uids, values, version_key}, ... ]}
Prints one JSON object:
  {"rounds": [ {"round", "before", "after", "commit_len"} | {"error"} ],
   "payloads": [ hex of scalecodec's SCALE encoding of WeightsTlockPayload ]}
`before`/`after` bracket the call: bittensor-drand reads the wall clock itself.
"""
import json
import sys
import time

from bittensor_drand import get_encrypted_commit_v2
from scalecodec.base import RuntimeConfiguration, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

req = json.loads(sys.stdin.read())
out = {"rounds": [], "payloads": []}
for case in req.get("rounds", []):
    before = time.time()
    try:
        commit, reveal_round = get_encrypted_commit_v2(
            uids=case["uids"], weights=case["weights"], version_key=case["version_key"],
            last_epoch_block=case["last_epoch_block"], pending_epoch_at=case["pending_epoch_at"],
            subnet_epoch_index=case["subnet_epoch_index"], tempo=case["tempo"],
            blocks_since_last_step=case["blocks_since_last_step"], current_block=case["current_block"],
            subnet_reveal_period_epochs=case["subnet_reveal_period_epochs"], block_time=case["block_time"],
            hotkey=bytes.fromhex(case["hotkey_hex"]))
    except Exception as error:  # the Rust side reports tempo 0 / bound exceeded as ValueError
        out["rounds"].append({"error": str(error)})
        continue
    after = time.time()
    out["rounds"].append({"round": reveal_round, "before": before, "after": after, "commit_len": len(commit)})

rc = RuntimeConfiguration()
rc.update_type_registry(load_type_registry_preset("legacy"))
rc.update_type_registry({"types": {"WeightsTlockPayload": {"type": "struct", "type_mapping": [
    ["hotkey", "Vec<u8>"], ["uids", "Vec<u16>"], ["values", "Vec<u16>"], ["version_key", "u64"]]}}})
for p in req.get("payloads", []):
    obj = rc.create_scale_object("WeightsTlockPayload")
    data = obj.encode({"hotkey": "0x" + p["hotkey_hex"], "uids": p["uids"], "values": p["values"],
                       "version_key": p["version_key"]})
    out["payloads"].append(data.to_hex()[2:])
print(json.dumps(out))
