; Inno Setup 6 script: a per-user Daybook install (no administrator rights), Start-menu and
; optional desktop shortcuts, and an uninstaller that keeps the carer's records unless they
; tick "Also delete my records". Built by build.ps1 beside this file:
;   iscc /DAppVersion=0.1.0 installers\windows\daybook.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{7C1E5B2A-4D3F-4B8E-9A61-2F0D5C3B8E47}
AppName=Daybook
AppVersion={#AppVersion}
AppVerName=Daybook {#AppVersion}
AppPublisher=Daybook
; Per user: installs in %LOCALAPPDATA%\Programs\Daybook and never asks for an administrator.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Daybook
DefaultGroupName=Daybook
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\daybook.ico
UninstallDisplayIcon={app}\daybook.exe
UninstallDisplayName=Daybook
OutputDir=..\..\dist
OutputBaseFilename=daybook-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "Put a Daybook shortcut on the desktop"; Flags: unchecked

[Files]
Source: "..\..\dist\daybook\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Daybook"; Filename: "{app}\daybook.exe"
Name: "{autodesktop}\Daybook"; Filename: "{app}\daybook.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\daybook.exe"; Description: "Open Daybook now"; Flags: nowait postinstall skipifsilent

[Code]
// The records live in %LOCALAPPDATA%\Daybook (platformdirs), not in {app}: the uninstaller
// removes only what it installed, unless the carer ticks the box below.
var
  DeleteRecords: Boolean;

function InitializeUninstall(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Tick: TNewCheckBox;
  OK, Cancel: TNewButton;
begin
  Result := True;
  DeleteRecords := False;
  if UninstallSilent then
    Exit;
  Form := CreateCustomForm(ScaleX(420), ScaleY(170), False, True);
  try
    Form.Caption := 'Uninstall Daybook';
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(16);
    Text.Top := ScaleY(16);
    Text.Width := Form.ClientWidth - ScaleX(32);
    Text.WordWrap := True;
    Text.Caption := 'Daybook will be removed from this computer. Your records (clients, visits, ' +
      'invoices, notes and their backups) stay in ' + ExpandConstant('{localappdata}\Daybook') +
      ' so that nothing is lost.';
    Tick := TNewCheckBox.Create(Form);
    Tick.Parent := Form;
    Tick.Left := ScaleX(16);
    Tick.Top := ScaleY(84);
    Tick.Width := Form.ClientWidth - ScaleX(32);
    Tick.Caption := 'Also delete my records (this cannot be undone)';
    Tick.Checked := False;
    OK := TNewButton.Create(Form);
    OK.Parent := Form;
    OK.Caption := 'Uninstall';
    OK.ModalResult := mrOk;
    OK.Left := Form.ClientWidth - ScaleX(176);
    OK.Top := Form.ClientHeight - ScaleY(40);
    OK.Width := ScaleX(75);
    OK.Height := ScaleY(25);
    Cancel := TNewButton.Create(Form);
    Cancel.Parent := Form;
    Cancel.Caption := 'Cancel';
    Cancel.ModalResult := mrCancel;
    Cancel.Cancel := True;
    Cancel.Left := Form.ClientWidth - ScaleX(92);
    Cancel.Top := OK.Top;
    Cancel.Width := ScaleX(75);
    Cancel.Height := ScaleY(25);
    Form.ActiveControl := Cancel;
    Result := Form.ShowModal() = mrOk;
    DeleteRecords := Result and Tick.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteRecords then
    DelTree(ExpandConstant('{localappdata}\Daybook'), True, True, True);
end;
