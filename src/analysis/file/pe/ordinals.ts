// Ordinal → name tables used for the imphash, as frozen in pefile's ordlookup (imphash_ws2_32, imphash_oleaut32) and YARA's ord_lookup.
// Data is stored as runs: [first ordinal, space-separated names for consecutive ordinals].

const WS2_32_RUNS: [number, string][] = [
  [1, 'accept bind closesocket connect getpeername getsockname getsockopt htonl htons ioctlsocket inet_addr inet_ntoa listen ' +
    'ntohl ntohs recv recvfrom select send sendto setsockopt shutdown socket GetAddrInfoW GetNameInfoW WSApSetPostRoutine ' +
    'FreeAddrInfoW WPUCompleteOverlappedRequest WSAAccept WSAAddressToStringA WSAAddressToStringW WSACloseEvent WSAConnect ' +
    'WSACreateEvent WSADuplicateSocketA WSADuplicateSocketW WSAEnumNameSpaceProvidersA WSAEnumNameSpaceProvidersW ' +
    'WSAEnumNetworkEvents WSAEnumProtocolsA WSAEnumProtocolsW WSAEventSelect WSAGetOverlappedResult WSAGetQOSByName ' +
    'WSAGetServiceClassInfoA WSAGetServiceClassInfoW WSAGetServiceClassNameByClassIdA WSAGetServiceClassNameByClassIdW ' +
    'WSAHtonl WSAHtons gethostbyaddr gethostbyname getprotobyname getprotobynumber getservbyname getservbyport gethostname ' +
    'WSAInstallServiceClassA WSAInstallServiceClassW WSAIoctl WSAJoinLeaf WSALookupServiceBeginA WSALookupServiceBeginW ' +
    'WSALookupServiceEnd WSALookupServiceNextA WSALookupServiceNextW WSANSPIoctl WSANtohl WSANtohs WSAProviderConfigChange ' +
    'WSARecv WSARecvDisconnect WSARecvFrom WSARemoveServiceClass WSAResetEvent WSASend WSASendDisconnect WSASendTo WSASetEvent ' +
    'WSASetServiceA WSASetServiceW WSASocketA WSASocketW WSAStringToAddressA WSAStringToAddressW WSAWaitForMultipleEvents ' +
    'WSCDeinstallProvider WSCEnableNSProvider WSCEnumProtocols WSCGetProviderPath WSCInstallNameSpace WSCInstallProvider ' +
    'WSCUnInstallNameSpace WSCUpdateProvider WSCWriteNameSpaceOrder WSCWriteProviderOrder freeaddrinfo getaddrinfo getnameinfo'],
  [101, 'WSAAsyncSelect WSAAsyncGetHostByAddr WSAAsyncGetHostByName WSAAsyncGetProtoByNumber WSAAsyncGetProtoByName ' +
    'WSAAsyncGetServByPort WSAAsyncGetServByName WSACancelAsyncRequest WSASetBlockingHook WSAUnhookBlockingHook ' +
    'WSAGetLastError WSASetLastError WSACancelBlockingCall WSAIsBlocking WSAStartup WSACleanup'],
  [151, '__WSAFDIsSet'],
  [500, 'WEP'],
];

const VAR_TYPES = 'UI1 I2 I4 R4 R8 Cy Date Str Disp Bool';

const OLEAUT32_RUNS: [number, string][] = [
  [2, 'SysAllocString SysReAllocString SysAllocStringLen SysReAllocStringLen SysFreeString SysStringLen VariantInit ' +
    'VariantClear VariantCopy VariantCopyInd VariantChangeType VariantTimeToDosDateTime DosDateTimeToVariantTime ' +
    'SafeArrayCreate SafeArrayDestroy SafeArrayGetDim SafeArrayGetElemsize SafeArrayGetUBound SafeArrayGetLBound ' +
    'SafeArrayLock SafeArrayUnlock SafeArrayAccessData SafeArrayUnaccessData SafeArrayGetElement SafeArrayPutElement ' +
    'SafeArrayCopy DispGetParam DispGetIDsOfNames DispInvoke CreateDispTypeInfo CreateStdDispatch RegisterActiveObject ' +
    'RevokeActiveObject GetActiveObject SafeArrayAllocDescriptor SafeArrayAllocData SafeArrayDestroyDescriptor ' +
    'SafeArrayDestroyData SafeArrayRedim SafeArrayAllocDescriptorEx SafeArrayCreateEx SafeArrayCreateVectorEx ' +
    'SafeArraySetRecordInfo SafeArrayGetRecordInfo VarParseNumFromStr VarNumFromParseNum'],
  [48, conv('I2', 'UI1 I4 R4 R8 Cy Date Str Disp Bool') + ' SafeArraySetIID ' + conv('I4', 'UI1 I2 R4 R8 Cy Date Str Disp Bool') +
    ' SafeArrayGetIID ' + conv('R4', 'UI1 I2 I4 R8 Cy Date Str Disp Bool') + ' SafeArrayGetVartype ' +
    conv('R8', 'UI1 I2 I4 R4 Cy Date Str Disp Bool') + ' VarFormat ' + conv('Date', 'UI1 I2 I4 R4 R8 Cy Str Disp Bool') +
    ' VarFormatDateTime ' + conv('Cy', 'UI1 I2 I4 R4 R8 Date Str Disp Bool') + ' VarFormatNumber ' + conv('Bstr', VAR_TYPES.replace(' Str', '')) +
    ' VarFormatPercent ' + conv('Bool', 'UI1 I2 I4 R4 R8 Date Cy Str Disp') + ' VarFormatCurrency VarWeekdayName VarMonthName ' +
    conv('UI1', 'I2 I4 R4 R8 Cy Date Str Disp Bool') + ' VarFormatFromTokens VarTokenizeFormatString VarAdd VarAnd VarDiv ' +
    'DllCanUnloadNow DllGetClassObject DispCallFunc VariantChangeTypeEx SafeArrayPtrOfIndex SysStringByteLen ' +
    'SysAllocStringByteLen DllRegisterServer VarEqv VarIdiv VarImp VarMod VarMul VarOr VarPow VarSub CreateTypeLib LoadTypeLib ' +
    'LoadRegTypeLib RegisterTypeLib QueryPathOfRegTypeLib LHashValOfNameSys LHashValOfNameSysA VarXor VarAbs VarFix ' +
    'OaBuildVersion ClearCustData VarInt VarNeg VarNot VarRound VarCmp VarDecAdd VarDecDiv VarDecMul CreateTypeLib2 VarDecSub ' +
    'VarDecAbs LoadTypeLibEx SystemTimeToVariantTime VariantTimeToSystemTime UnRegisterTypeLib VarDecFix VarDecInt VarDecNeg ' +
    conv('Dec', 'UI1 I2 I4 R4 R8 Date Cy Str Disp Bool') + ' GetErrorInfo SetErrorInfo CreateErrorInfo VarDecRound VarDecCmp ' +
    ['I2', 'I4', 'R4', 'R8', 'Date', 'Cy', 'Bstr', 'Bool', 'UI1'].map((t) => conv(t, 'I1 UI2 UI4 Dec')).join(' ') + ' ' +
    conv('Dec', 'I1 UI2 UI4') + ' ' + conv('I1', 'UI1 I2 I4 R4 R8 Date Cy Str Disp Bool UI2 UI4 Dec') + ' ' +
    conv('UI2', 'UI1 I2 I4 R4 R8 Date Cy Str Disp Bool I1 UI4 Dec') + ' ' + conv('UI4', 'UI1 I2 I4 R4 R8 Date Cy Str Disp Bool I1 UI2 Dec') +
    ' BSTR_UserSize BSTR_UserMarshal BSTR_UserUnmarshal BSTR_UserFree VARIANT_UserSize VARIANT_UserMarshal ' +
    'VARIANT_UserUnmarshal VARIANT_UserFree LPSAFEARRAY_UserSize LPSAFEARRAY_UserMarshal LPSAFEARRAY_UserUnmarshal ' +
    'LPSAFEARRAY_UserFree LPSAFEARRAY_Size LPSAFEARRAY_Marshal LPSAFEARRAY_Unmarshal VarDecCmpR8 VarCyAdd DllUnregisterServer ' +
    'OACreateTypeLib2'],
  [303, 'VarCyMul VarCyMulI4 VarCySub VarCyAbs VarCyFix VarCyInt VarCyNeg VarCyRound VarCyCmp VarCyCmpR8 VarBstrCat VarBstrCmp ' +
    'VarR8Pow VarR4CmpR8 VarR8Round VarCat VarDateFromUdateEx'],
  [322, 'GetRecordInfoFromGuids GetRecordInfoFromTypeInfo'],
  [325, 'SetVarConversionLocaleSetting GetVarConversionLocaleSetting SetOaNoCache'],
  [329, 'VarCyMulI8 VarDateFromUdate VarUdateFromDate GetAltMonthNames ' + conv('I8', 'UI1 I2 R4 R8 Cy Date Str Disp Bool I1 UI2 UI4 Dec') +
    ' VarI2FromI8 VarI2FromUI8 VarI4FromI8 VarI4FromUI8'],
  [360, ['R4', 'R8', 'Date', 'Cy', 'Bstr', 'Bool', 'UI1', 'Dec', 'I1', 'UI2'].map((t) => conv(t, 'I8 UI8')).join(' ')],
  [401, 'OleLoadPictureEx OleLoadPictureFileEx'],
  [411, 'SafeArrayCreateVector SafeArrayCopyData VectorFromBstr BstrFromVector OleIconToCursor OleCreatePropertyFrameIndirect ' +
    'OleCreatePropertyFrame OleLoadPicture OleCreatePictureIndirect OleCreateFontIndirect OleTranslateColor OleLoadPictureFile ' +
    'OleSavePictureFile OleLoadPicturePath VarUI4FromI8 VarUI4FromUI8 VarI8FromUI8 VarUI8FromI8 ' +
    conv('UI8', 'UI1 I2 R4 R8 Cy Date Str Disp Bool I1 UI2 UI4 Dec') + ' RegisterTypeLibForUser UnRegisterTypeLibForUser'],
];

/** "Var<to>From<from>" for each source type. */
function conv(to: string, froms: string): string {
  return froms.split(' ').map((f) => `Var${to}From${f}`).join(' ');
}

function expand(runs: [number, string][]): Map<number, string> {
  const table = new Map<number, string>();
  for (const [first, names] of runs) names.split(' ').forEach((name, i) => table.set(first + i, name));
  return table;
}

const WS2_32 = expand(WS2_32_RUNS);
const OLEAUT32 = expand(OLEAUT32_RUNS);

/** YARA's ord_lookup: ws2_32/wsock32 and oleaut32 ordinals by (case-insensitive, prefix) dll name, else "ord<N>". */
export function ordinalName(dll: string, ordinal: number): string {
  const lower = dll.toLowerCase();
  let table: Map<number, string> | undefined;
  if (lower.startsWith('ws2_32.dll') || lower.startsWith('wsock32.dll')) table = WS2_32;
  else if (lower.startsWith('oleaut32.dll')) table = OLEAUT32;
  return table?.get(ordinal) ?? `ord${ordinal}`;
}

/** Exposed for the tests: the tables' sizes. */
export function ordinalTableSizes(): { ws2_32: number; oleaut32: number } {
  return { ws2_32: WS2_32.size, oleaut32: OLEAUT32.size };
}

/** Exposed for the tests: a table as [ordinal, name] pairs. */
export function ordinalTable(name: 'ws2_32' | 'oleaut32'): [number, string][] {
  return [...(name === 'ws2_32' ? WS2_32 : OLEAUT32)];
}
