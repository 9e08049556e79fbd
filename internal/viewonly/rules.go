package viewonly

// Sources: AWS documentation of a read of each kind, which says what such
// reads return.
const (
	srcGetObject  = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html"
	srcSecret     = "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html"
	srcParameter  = "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html"
	srcMessage    = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html"
	srcLogEvents  = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html"
	srcRecords    = "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html"
	srcShard      = "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html"
	srcTraces     = "https://docs.aws.amazon.com/xray/latest/api/API_BatchGetTraces.html"
	srcSampled    = "https://docs.aws.amazon.com/waf/latest/APIReference/API_GetSampledRequests.html"
	srcLedger     = "https://docs.aws.amazon.com/qldb/latest/developerguide/API_GetBlock.html"
	srcTableData  = "https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GetTableObjects.html"
	srcQuery      = "https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html"
	srcItem       = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html"
	srcInvoke     = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html"
	srcRetrieve   = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_Retrieve.html"
	srcToken      = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html"
	srcCredential = "https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html"
	srcPassword   = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetPasswordData.html"
	srcDataAccess = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetDataAccess.html"
	srcEmbedURL   = "https://docs.aws.amazon.com/quicksight/latest/APIReference/API_GetSessionEmbedUrl.html"
	srcConnection = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodeconnections.html"
	srcBlob       = "https://docs.aws.amazon.com/codecommit/latest/APIReference/API_GetBlob.html"
	srcLayer      = "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetDownloadUrlForLayer.html"
	srcBlock      = "https://docs.aws.amazon.com/ebs/latest/APIReference/API_GetSnapshotBlock.html"
	srcDocument   = "https://docs.aws.amazon.com/workdocs/latest/APIReference/API_GetDocument.html"
	srcArchive    = "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-job-output-get.html"
	srcDetection  = "https://docs.aws.amazon.com/rekognition/latest/APIReference/API_GetFaceDetection.html"
	srcSupport    = "https://docs.aws.amazon.com/awssupport/latest/APIReference/API_DescribeCommunications.html"
	srcMedia      = "https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_dataplane_GetMedia.html"
)

// DataReads are the data rules. Each pattern names a data word narrowly
// enough to miss the List and Describe actions of the same resource
// ("*:GetParameter*" but not ssm:DescribeParameters), and as a Deny also
// refuses the reads AWS adds under it later. The tests measure each rule
// against the catalog and against what AWS's ViewOnlyAccess and
// SecurityAudit grant, and the boundary guide lists them.
var DataReads = []Rule{
	{"*:GetObject*", "object reads", "s3:GetObject", srcGetObject},
	{"*:*SecretValue*", "secret reads", "secretsmanager:GetSecretValue", srcSecret},
	{"*:RevealSecret*", "secret reads", "states:RevealSecrets", srcSecret},
	{"*:GetParameter*", "parameter reads", "ssm:GetParameter", srcParameter},
	{"*:Receive*Message*", "message reads", "sqs:ReceiveMessage", srcMessage},
	{"*:Get*Message", "message reads", "chime:GetChannelMessage", srcMessage},
	{"*:Get*Messages", "message reads", "ec2messages:GetMessages", srcMessage},
	{"*:List*Messages", "message reads", "qbusiness:ListMessages", srcMessage},
	{"*:*MessageContent*", "message reads", "workmailmessageflow:GetRawMessageContent", srcMessage},
	{"*:*LogEvents*", "log-event reads", "logs:GetLogEvents", srcLogEvents},
	{"*:GetLogRecord*", "log-event reads", "logs:GetLogRecord", srcLogEvents},
	{"*:GetContainerLog*", "log-event reads", "lightsail:GetContainerLog", srcLogEvents},
	{"*:StartLiveTail*", "log-event reads", "logs:StartLiveTail", srcLogEvents},
	{"*:Download*Log*", "log-event reads", "rds:DownloadDBLogFilePortion", srcLogEvents},
	{"*:GetRecord", "record reads", "sagemaker:GetRecord", srcRecords},
	{"*:GetRecords", "record reads", "kinesis:GetRecords", srcRecords},
	{"*:Get*ShardIterator*", "record reads", "kinesis:GetShardIterator", srcShard},
	{"*:BatchGetTrace*", "record reads", "xray:BatchGetTraces", srcTraces},
	{"*:*RetrievedTraces*", "record reads", "xray:ListRetrievedTraces", srcTraces},
	{"*:Get*SampledRequests*", "record reads", "wafv2:GetSampledRequests", srcSampled},
	{"*:GetVectors", "record reads", "s3vectors:GetVectors", srcRecords},
	{"*:GetTableData*", "record reads", "s3tables:GetTableData", srcTableData},
	{"*:GetTableObjects*", "record reads", "lakeformation:GetTableObjects", srcTableData},
	{"*:GetEntityRecords*", "record reads", "glue:GetEntityRecords", srcRecords},
	{"*:GetSampleData*", "record reads", "lookoutmetrics:GetSampleData", srcRecords},
	{"*:BatchGetRecord*", "record reads", "sagemaker:BatchGetRecord", srcRecords},
	{"*:Get*StreamRecords*", "record reads", "neptune-db:GetStreamRecords", srcRecords},
	{"*:*MemoryRecord*", "record reads", "bedrock-agentcore:GetMemoryRecord", srcRecords},
	{"*:QueryRecords*", "record reads", "cognito-sync:QueryRecords", srcRecords},
	{"*:GetItem", "record reads", "dynamodb:GetItem", srcItem},
	{"*:BatchGetItem", "record reads", "dynamodb:BatchGetItem", srcItem},
	{"qldb:GetBlock", "record reads", "qldb:GetBlock", srcLedger},
	{"qldb:GetRevision", "record reads", "qldb:GetRevision", srcLedger},
	{"cloudfront-keyvaluestore:GetKey", "record reads", "cloudfront-keyvaluestore:GetKey", srcRecords},
	{"*:*QueryResult*", "query-result reads", "athena:GetQueryResults", srcQuery},
	{"*:*StatementResult*", "query-result reads", "redshift-data:GetStatementResult", srcQuery},
	{"*:GetStatement", "query-result reads", "glue:GetStatement", srcQuery},
	{"*:GetWorkUnitResults*", "query-result reads", "lakeformation:GetWorkUnitResults", srcTableData},
	{"*:Get*SearchResults*", "query-result reads", "ses:GetArchiveSearchResults", srcQuery},
	{"*:FetchResults*", "query-result reads", "redshift:FetchResults", srcQuery},
	{"*:Query", "query-result reads", "dynamodb:Query", srcItem},
	{"*:Scan", "query-result reads", "dynamodb:Scan", srcItem},
	{"*:*Select", "query-result reads", "dynamodb:PartiQLSelect", srcItem},
	{"*:ReadData*", "query-result reads", "neptune-db:ReadDataViaQuery", srcItem},
	{"*:Invoke*", "model invocation", "bedrock:InvokeModel", srcInvoke},
	{"*:Get*Token*", "token vending", "ecr:GetAuthorizationToken", srcToken},
	{"*:*Token", "token vending", "sts:GetSessionToken", srcToken},
	{"*:GetSessionEndpoint", "token vending", "emr-serverless:GetSessionEndpoint", srcToken},
	{"*:Get*ConnectionDetails*", "token vending", "gamelift:GetPlayerConnectionDetails", srcToken},
	{"*:Get*Credentials*", "credential vending", "cognito-identity:GetCredentialsForIdentity", srcCredential},
	{"*:Describe*Credentials*", "credential vending", "storagegateway:DescribeChapCredentials", srcCredential},
	{"*:Request*Credentials*", "credential vending", "gamelift:RequestUploadCredentials", srcCredential},
	{"*:Get*PasswordData*", "credential vending", "ec2:GetPasswordData", srcPassword},
	{"*:Get*Password", "credential vending", "secretsmanager:GetRandomPassword", srcPassword},
	{"*:GetDataAccess", "credential vending", "s3:GetDataAccess", srcDataAccess},
	{"*:Get*ComputeAccess*", "credential vending", "gamelift:GetComputeAccess", srcCredential},
	{"*:Get*Decrypted*", "credential vending", "wafv2:GetDecryptedAPIKey", srcCredential},
	{"*:Get*ApiKey", "credential vending", "bedrock-agentcore:GetResourceApiKey", srcCredential},
	{"geo:DescribeKey", "credential vending", "geo:DescribeKey", srcCredential},
	{"*:GetAuthCode*", "credential vending", "quicksight:GetAuthCode", srcEmbedURL},
	{"*:Get*EmbedUrl*", "credential vending", "quicksight:GetSessionEmbedUrl", srcEmbedURL},
	{"*:Get*UploadUrl*", "credential vending", "cloudshell:GetFileUploadUrls", srcEmbedURL},
	{"*:UseConnection*", "connection use", "codeconnections:UseConnection", srcConnection},
	{"*:Retrieve*", "content reads", "bedrock:Retrieve", srcRetrieve},
	{"*:Get*Content", "content reads", "qbusiness:GetDocumentContent", srcBlob},
	{"*:GetBlob*", "content reads", "codecommit:GetBlob", srcBlob},
	{"*:GetFolder*", "content reads", "codecommit:GetFolder", srcBlob},
	{"*:GetFile", "content reads", "codecommit:GetFile", srcBlob},
	{"*:GitPull*", "content reads", "codecommit:GitPull", srcBlob},
	{"*:GetJobOutput*", "content reads", "glacier:GetJobOutput", srcArchive},
	{"*:Get*Detection", "content reads", "rekognition:GetFaceDetection", srcDetection},
	{"*:GetCelebrityRecognition*", "content reads", "rekognition:GetCelebrityRecognition", srcDetection},
	{"*:GetContentModeration*", "content reads", "rekognition:GetContentModeration", srcDetection},
	{"*:GetDocument*", "content reads", "workdocs:GetDocument", srcDocument},
	{"*:Get*Document", "content reads", "tax:GetTaxRegistrationDocument", srcDocument},
	{"*:GetConversation*", "message reads", "q:GetConversation", srcMessage},
	{"*:DescribeCommunication*", "message reads", "support:DescribeCommunications", srcSupport},
	{"*:GetSnapshotBlock", "content reads", "ebs:GetSnapshotBlock", srcBlock},
	{"*:ListSnapshotBlocks", "content reads", "ebs:ListSnapshotBlocks", srcBlock},
	{"*:ListChangedBlocks", "content reads", "ebs:ListChangedBlocks", srcBlock},
	{"*:BatchGetImage*", "content reads", "ecr:BatchGetImage", srcLayer},
	{"*:Download*", "content reads", "support:DownloadAttachment", srcLayer},
	{"*:Get*Download*", "content reads", "ecr:GetDownloadUrlForLayer", srcLayer},
	{"*:GetMedia", "content reads", "kinesisvideo:GetMedia", srcMedia},
	{"*:GetMediaForFragmentList", "content reads", "kinesisvideo:GetMediaForFragmentList", srcMedia},
}
