; Inno Setup script: the Windows installer for Group Coordinator (Inno Setup 6.3 or newer).
;
; Build the one-folder app first (see packaging/README.md), then, from the repository root:
;     iscc /DAppVersion=0.1.0 packaging\windows\GroupCoordinator.iss
; The installer is written to dist\GroupCoordinator-<version>-setup.exe.
;
; - Installs for the current user only, into %LOCALAPPDATA%\Programs: no administrator password needed.
; - The AppId below never changes, so a newer installer upgrades the installed copy in place.
; - Adds a Start menu entry (and, if ticked, a desktop shortcut) and opens .group files with the app.
; - Uninstalling removes only the program. Group files, backups and settings live elsewhere
;   (%LOCALAPPDATA%\GroupCoordinator, or wherever the user saved them) and are never touched.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Group Coordinator"
#define AppExe "GroupCoordinator.exe"
#define ProgId "GroupCoordinator.group"
#define Root "..\.."

[Setup]
AppId={{36895E98-9641-4EFD-9C58-7DBCB02BA0AD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Group Coordinator volunteers
AppPublisherURL=https://groupcoordinator.org/
AppSupportURL=https://groupcoordinator.org/help/
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
SetupIconFile={#Root}\coordinator_app\resources\icons\group-coordinator.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=GroupCoordinator-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A one-folder app: clear out the previous version's libraries so no stale file is left behind on upgrade.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\GroupCoordinator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Run your self-help or peer-support group"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Per-user file association (HKA is HKEY_CURRENT_USER when installing without administrator rights).
Root: HKA; Subkey: "Software\Classes\.group\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Group Coordinator group"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".group"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the user's groups and backups must survive an uninstall.
