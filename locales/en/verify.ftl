# zhanqun verify: a deployed directory against its manifest.json, and the manifest's signature.

verify-changed = changed { $path }
verify-missing = missing { $path }
verify-added = added { $path }
verify-summary = { $intact } intact, { $changed } changed, { $missing } missing, { $added } added; signature: { $signature }
verify-signature-not-checked = not checked (no --public-key)
verify-signature-valid = valid
verify-signature-missing = MISSING (no manifest.json.sig)
verify-signature-invalid = INVALID (the manifest does not match its signature)
