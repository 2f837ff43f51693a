package acs.lib.secrets_test

import data.acs.lib.secrets

_listed(type) := {"$unknown": {"reason": "runtime-function", "functions": ["listkeys"], "secret": true, "target": {"type": type}}}

test_list_keys_on_acs_is_a_secret if secrets.is_acs_secret(_listed("microsoft.communication/communicationservices"))

test_list_keys_on_storage_is_not_an_acs_secret if not secrets.is_acs_secret(_listed("microsoft.storage/storageaccounts"))

test_list_keys_on_unknown_type_may_be_one if {
	u := {"$unknown": {"reason": "runtime-function", "functions": ["listkeys"], "secret": true}}
	secrets.maybe_acs_secret(u)
	not secrets.is_acs_secret(u)
}

test_a_key_vault_reference_is_not_a_list_secret if {
	not secrets.is_acs_secret({"$unknown": {"reason": "secret", "secret": true, "target": {"type": "microsoft.keyvault/vaults"}}})
}

test_connection_string_literals if {
	secrets.is_acs_secret("endpoint=https://acs.communication.azure.com/;accesskey=abc123==")
	secrets.is_acs_secret("Endpoint=https://x.communication.azure.com/; AccessKey=Zm9v")
	not secrets.is_acs_secret("https://acs.communication.azure.com/")
}

test_access_key_literals if {
	secrets.is_access_key_literal("q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6Q7W8E9R0T1Y2U3I4O5P6A7S8D9F0G1H2J3==")
	not secrets.is_access_key_literal("short")
	not secrets.is_access_key_literal("not base64 at all, but long enough to count as forty chars")
}

test_names if {
	secrets.names_connection_string_or_key("acsConnectionString")
	secrets.names_connection_string_or_key("ACCESS_KEY")
	not secrets.names_connection_string_or_key("connectionStringSecretName")
	not secrets.names_connection_string_or_key("acsName")
	secrets.names_access_key("ACS_ACCESS_KEY", false)
	secrets.names_access_key("communicationServiceKey", false)
	not secrets.names_access_key("storageKey", true)
}

test_secret_paths if {
	v := {"a": [1, _listed("microsoft.communication/communicationservices")], "b": "x"}
	secrets.secret_paths(v) == [["a", 1]]
}

test_flags_and_pointers_are_not_secrets if {
	not secrets.names_connection_string_or_key("disableAccessKeyAuthentication")
	not secrets.names_connection_string_or_key("accessKeysAuthentication")
	not secrets.names_connection_string_or_key("acsEndpoint")
}

test_acs_credential_names if {
	secrets.names_acs_credential("acsConnectionString")
	secrets.names_acs_credential("ACS_CONNECTION_STRING")
	secrets.names_acs_credential("communicationServicesPrimaryKey")
	secrets.names_acs_credential("acs-access-key")
	secrets.names_acs_credential("myAcsKey")
	not secrets.names_acs_credential("appInsightsConnectionString")
	not secrets.names_acs_credential("connectionString")
	not secrets.names_acs_credential("redisAccessKey")
	not secrets.names_acs_credential("useStorageAccountAccessKey")
	not secrets.names_acs_credential("acsEndpoint")
	not secrets.names_acs_credential("acsConnectionStringSecretName")
	not secrets.names_acs_credential("macsecKey")
}

test_a_plain_access_key_name_counts_only_in_an_acs_workload if {
	not secrets.names_access_key("ACCESS_KEY", false)
	secrets.names_access_key("ACCESS_KEY", true)
}

test_another_services_connection_string_is_not_an_acs_secret if {
	not secrets.is_connection_string("Endpoint=https://hub.service.signalr.net;AccessKey=c2lnbmFsci1rZXk=;Version=1.0;")
	secrets.is_connection_string("endpoint=https://acs.europe.communication.azure.com/;accesskey=abc123==")
}

test_connection_string_parts if {
	secrets.is_connection_string("endpoint=https://a.communication.azure.com/;\t accesskey=k")
	not secrets.is_connection_string("endpoint=https://a.communication.azure.com/;accesskey= k")
	not secrets.is_connection_string("endpoint=https://a.communication.azure.com/;accesskey=")
	not secrets.is_connection_string("endpoint=https://a.example.com/;x=communication;accesskey=k")
	not secrets.is_connection_string("communication endpoint=https://a.example.com/; accesskey=abc")
}

test_access_key_padding_and_alphabet if {
	secrets.is_access_key_literal("q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2==")
	not secrets.is_access_key_literal("q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2===")
	not secrets.is_access_key_literal("q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2_v3")
	not secrets.is_access_key_literal("q1w2e3r4t5y6u7i8o9p0a1s2=d3f4g5h6j7k8l9z0x1c2")
}

test_acs_as_a_word if {
	secrets.names_acs("acs")
	secrets.names_acs("my-acs-key")
	secrets.names_acs("X_ACS")
	secrets.names_acs("myAcsKey")
	secrets.names_acs("Communication")
	not secrets.names_acs("macsec")
	not secrets.names_acs("facsimile")
	not secrets.names_acs("racsacs")
}

test_pointer_suffixes if {
	secrets.names_connection_string_or_key("acsConnectionStrings")
	secrets.names_connection_string_or_key("acs_connection_string")
	not secrets.names_connection_string_or_key("accessKeyVersions")
	not secrets.names_acs_credential("acsKeyIds")
	secrets.names_acs_credential("acsKeys")
}
