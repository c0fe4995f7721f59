"""Jupyter's kernel conformance suite (Debian: python3-jupyter-kernel-test) run against the Orrery kernel.

Run by tests/kernel/jupyter/conformance.test.ts with JUPYTER_PATH pointing at a
temporary install of the kernel spec.
"""
import unittest

import jupyter_kernel_test


class OrreryKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "orrery"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    code_generate_error = 'throw new Error("expected failure")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'orrery'", "result": "'orrery'"},
        {"code": "new SpikeMachine().cpu.pc", "result": "0n"},
        {"code": "bundleOf({ 'text/html': '<b>x</b>' })", "mime": "text/html", "result": "<b>x</b>"},
    ]
    code_display_data = [
        {"code": "display(bundleOf({ 'image/svg+xml': '<svg/>' }))", "mime": "image/svg+xml"},
        {"code": "display('text'); undefined", "mime": "text/plain"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "SpikeMachine"
    completion_samples = [{"text": "SpikeMach", "matches": {"SpikeMachine"}}]
    complete_code_samples = ["1", "const a = 1;", "function f() { return 1; }"]
    incomplete_code_samples = ["function f() {", "const s = [1,"]


if __name__ == "__main__":
    unittest.main()
