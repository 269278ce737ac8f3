#!/usr/bin/env bash
# Exports what iamlint reads about one AWS account into a folder, with the AWS CLI (v2), so that
# `iamlint check FOLDER` can lint it offline:
#
#   examples/export-account.sh [FOLDER]        # default: ./account-<account id>
#   EXPORT_ORGANIZATION=1 examples/export-account.sh [FOLDER]   # also the organization's SCPs and RCPs
#
# Needs read-only IAM access: iam:GetAccountAuthorizationDetails, iam:GenerateCredentialReport,
# iam:GetCredentialReport, iam:GetAccountSummary, iam:GetAccountPasswordPolicy,
# iam:ListVirtualMFADevices, and for bucket policies s3:ListAllMyBuckets and s3:GetBucketPolicy
# (the AWS managed policy SecurityAudit has them all). Nothing is changed in the account.
# EXPORT_ORGANIZATION=1 needs the organization's management account (or a delegated administrator)
# and organizations:ListPolicies, DescribePolicy, ListTargetsForPolicy, ListAccounts, ListParents,
# DescribeOrganization.
set -euo pipefail

account=$(aws sts get-caller-identity --query Account --output text)
out=${1:-"account-$account"}
mkdir -p "$out/s3"

# Users, groups, roles (with trust policies and RoleLastUsed) and managed policies with all their
# versions. The CLI fetches every page and decodes the URL-encoded policy documents.
aws iam get-account-authorization-details --output json > "$out/authorization-details.json"

# The credential report: the CLI's JSON envelope, whose GeneratedTime is the date iamlint's date
# rules compare against (unless --now is given). IAM builds a report at most every 4 hours.
until [ "$(aws iam generate-credential-report --query State --output text)" = COMPLETE ]; do sleep 5; done
aws iam get-credential-report --output json > "$out/credential-report.json"

aws iam get-account-summary --output json > "$out/account-summary.json"
aws iam list-virtual-mfa-devices --output json > "$out/virtual-mfa-devices.json"

# An account without a password policy makes the CLI fail with NoSuchEntity; iamlint reads
# {"PasswordPolicy": null} as the record of that. Any other error stops the export.
if ! policy=$(aws iam get-account-password-policy --output json 2> "$out/.password-policy.err"); then
  if grep -q NoSuchEntity "$out/.password-policy.err"; then policy='{"PasswordPolicy": null}'; else cat "$out/.password-policy.err" >&2; exit 1; fi
fi
rm -f "$out/.password-policy.err"
printf '%s\n' "$policy" > "$out/password-policy.json"

# Bucket policies, one file per bucket; buckets without a policy (NoSuchBucketPolicy) are skipped.
# The manifest names each file's bucket, and the account for the files that do not say.
manifest_resources=""
for bucket in $(aws s3api list-buckets --query 'Buckets[].Name' --output text); do
  if aws s3api get-bucket-policy --bucket "$bucket" --output json > "$out/s3/$bucket.json" 2> /dev/null; then
    manifest_resources="$manifest_resources${manifest_resources:+,}
    \"s3/$bucket.json\": \"arn:aws:s3:::$bucket\""
  else
    rm -f "$out/s3/$bucket.json"
  fi
done
cat > "$out/iamlint-manifest.json" <<EOF
{
  "iamlintManifest": 1,
  "account": "$account",
  "resources": {$manifest_resources
  }
}
EOF

# Optional: the organization's SCPs and RCPs (AWS's FullAWSAccess and RCPFullAWSAccess among them),
# one describe-policy output per file, and a manifest of where each is attached and where each
# account sits (its parents up to the root), so that evaluation applies them to every account of
# the run. A policy type that is not enabled lists no policies.
if [ "${EXPORT_ORGANIZATION:-0}" = 1 ]; then
  mkdir -p "$out/organization"
  attachments=""
  for type in SERVICE_CONTROL_POLICY RESOURCE_CONTROL_POLICY; do
    for id in $(aws organizations list-policies --filter "$type" --query 'Policies[].Id' --output text); do
      aws organizations describe-policy --policy-id "$id" --output json > "$out/organization/$id.json"
      targets=""
      for target in $(aws organizations list-targets-for-policy --policy-id "$id" --query 'Targets[].TargetId' --output text); do
        targets="$targets${targets:+, }\"$target\""
      done
      attachments="$attachments${attachments:+,}
      \"$id\": [$targets]"
    done
  done
  accounts=""
  for member in $(aws organizations list-accounts --query 'Accounts[].Id' --output text); do
    path="" child=$member
    while :; do
      read -r parent parent_type <<< "$(aws organizations list-parents --child-id "$child" --query 'Parents[0].[Id,Type]' --output text)"
      path="\"$parent\"${path:+, }$path"
      [ "$parent_type" = ROOT ] && break
      child=$parent
    done
    accounts="$accounts${accounts:+,}
      \"$member\": [$path]"
  done
  management=$(aws organizations describe-organization --query Organization.MasterAccountId --output text)
  cat > "$out/organization/iamlint-manifest.json" <<EOF
{
  "iamlintManifest": 1,
  "organization": {
    "managementAccount": "$management",
    "accounts": {$accounts
    },
    "attachments": {$attachments
    }
  }
}
EOF
fi

echo "Exported account $account to $out; now run: iamlint check $out"
