// Watchfloor's starter YARA rules: broad, well-known traits a triage analyst wants flagged. Add your own under DATA/yara/.
import "pe"

rule EICAR_Test_File
{
    meta:
        description = "The EICAR anti-virus test string"
        severity = "info"
    strings:
        $eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    condition:
        $eicar at 0 or $eicar
}

rule UPX_Packed_PE
{
    meta:
        description = "A PE packed with UPX (sections named UPX0/UPX1)"
        severity = "low"
    condition:
        pe.is_pe and for any section in pe.sections : (section.name == "UPX0" or section.name == "UPX1")
}

rule PowerShell_Download_Cradle
{
    meta:
        description = "PowerShell that downloads and runs code (IEX with a web client)"
        severity = "high"
    strings:
        $iex = /(IEX|Invoke-Expression)\s*\(?\s*\(?\s*New-Object\s+(System\.)?Net\.WebClient\)?\.Download(String|Data|File)/ nocase
        $iwr = /(IEX|Invoke-Expression)[^\n]{0,40}(Invoke-WebRequest|iwr|Invoke-RestMethod|irm)\s/ nocase
    condition:
        any of them
}

rule Embedded_PE_In_Document
{
    meta:
        description = "A PE header inside a file that is not itself a PE (dropper documents, disguised payloads)"
        severity = "medium"
    strings:
        $mz = "This program cannot be run in DOS mode"
    condition:
        uint16(0) != 0x5A4D and $mz
}

rule Office_Macro_AutoExec
{
    meta:
        description = "VBA macro names that run on open"
        severity = "medium"
    strings:
        $a = "AutoOpen" nocase
        $b = "Document_Open" nocase
        $c = "Workbook_Open" nocase
        $vba = "VBA" wide ascii
    condition:
        $vba and any of ($a, $b, $c)
}
