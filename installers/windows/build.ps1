# Builds dist\daybook-<version>-setup.exe on Windows: PyInstaller (dist\daybook with daybook.exe
# and the console program daybook-cli.exe), a self-test of the built folder, then Inno Setup 6.
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
# Needs Python 3.11+ (python on PATH) and Inno Setup 6 (iscc on PATH or in its usual folder).
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

$version = (Select-String -Path app\__init__.py -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value
if (-not (Test-Path .venv\Scripts\python.exe)) {
    python -m venv .venv
    .venv\Scripts\python.exe -m pip install -q --upgrade pip
    .venv\Scripts\python.exe -m pip install -q ".[build]"
    if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
}

.venv\Scripts\python.exe -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller installers\daybook.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
dist\daybook\daybook-cli.exe self-test
if ($LASTEXITCODE -ne 0) { throw "the built Daybook failed its self-test" }

$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installers\windows\daybook.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Built dist\daybook-$version-setup.exe"
