# zhanqun verify：把已部署的目录与 manifest.json（文件清单）逐个核对，并核对清单的签名。

verify-changed = 被改动：{ $path }
verify-missing = 缺失：{ $path }
verify-added = 多出：{ $path }
verify-summary = 核对结果：{ $intact } 个文件完好，{ $changed } 个被改动，{ $missing } 个缺失，{ $added } 个多出；签名：{ $signature }
verify-signature-not-checked = 未核对（没有给出 --public-key 公钥）
verify-signature-valid = 有效
verify-signature-missing = 缺失（目录中没有 manifest.json.sig，无法证明清单未被改动）
verify-signature-invalid = 无效（清单与签名不符，清单或文件可能被篡改）
