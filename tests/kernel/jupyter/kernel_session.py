"""Drive the Orrery kernel with Jupyter's own client (jupyter_client).

Reads a JSON list of steps on stdin, each {"code": str, optional "interrupt_on":
msg_type, "interrupt_after": seconds, "stop_on_error": bool, "timeout": seconds},
runs them in one kernel, and prints a JSON object: for each step the
execute_reply content, the iopub messages between busy and idle, and the
seconds taken; plus whether the kernel was still alive at the end.
"""
import json
import sys
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel


def run_step(km, kc, step):
    msg_id = kc.execute(step["code"], stop_on_error=step.get("stop_on_error", True))
    t0 = time.time()
    deadline = t0 + step.get("timeout", 60)
    outputs = []
    interrupted = False
    idle = False
    while not idle:
        if time.time() > deadline:
            return {"timeout": True, "outputs": outputs, "seconds": time.time() - t0}
        if not interrupted and "interrupt_after" in step and time.time() - t0 >= step["interrupt_after"]:
            km.interrupt_kernel()
            interrupted = True
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            idle = msg["content"]["execution_state"] == "idle"
            continue
        outputs.append({"msg_type": kind, "content": msg["content"]})
        if not interrupted and step.get("interrupt_on") == kind:
            km.interrupt_kernel()
            interrupted = True
    while True:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return {"reply": reply["content"], "outputs": outputs, "seconds": time.time() - t0, "interrupted": interrupted}


def main():
    steps = json.load(sys.stdin)
    cwd = sys.argv[1] if len(sys.argv) > 1 else None
    km, kc = start_new_kernel(kernel_name="orrery", cwd=cwd, startup_timeout=120)
    results = []
    try:
        for step in steps:
            r = run_step(km, kc, step)
            results.append(r)
            if r.get("timeout"):
                break
        alive = km.is_alive()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    json.dump({"steps": results, "alive": alive}, sys.stdout, default=str)


if __name__ == "__main__":
    main()
