package viewonly

// Sources that the rules cite.
const (
	srcViewOnly   = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html (ViewOnlyAccess: \"cannot read resource content\")"
	srcGetObject  = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html"
	srcSecret     = "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html"
	srcParameter  = "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html"
	srcMessage    = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html"
	srcLogEvents  = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html"
	srcRecords    = "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html"
	srcQuery      = "https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html"
	srcItem       = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html"
	srcInvoke     = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html"
	srcRetrieve   = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_Retrieve.html"
	srcToken      = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html"
	srcCredential = "https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html"
	srcPassword   = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetPasswordData.html"
	srcConnection = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodeconnections.html"
	srcBlob       = "https://docs.aws.amazon.com/codecommit/latest/APIReference/API_GetBlob.html"
	srcLayer      = "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetDownloadUrlForLayer.html"
	srcDataAccess = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetDataAccess.html"
	srcEmbedURL   = "https://docs.aws.amazon.com/quicksight/latest/APIReference/API_GetSessionEmbedUrl.html"
	srcBlock      = "https://docs.aws.amazon.com/ebs/latest/APIReference/API_GetSnapshotBlock.html"
	srcShard      = "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html"
	srcTraces     = "https://docs.aws.amazon.com/xray/latest/api/API_BatchGetTraces.html"
	srcSampled    = "https://docs.aws.amazon.com/waf/latest/APIReference/API_GetSampledRequests.html"
	srcDocument   = "https://docs.aws.amazon.com/workdocs/latest/APIReference/API_GetDocument.html"
	srcKeyValue   = "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_kvs_GetKey.html"
	srcLedger     = "https://docs.aws.amazon.com/qldb/latest/developerguide/API_GetBlock.html"
	srcArchive    = "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-job-output-get.html"
	srcCompute    = "https://docs.aws.amazon.com/gamelift/latest/apireference/API_GetComputeAccess.html"
	srcSession    = "https://docs.aws.amazon.com/emr-serverless/latest/APIReference/API_GetSessionEndpoint.html"
	srcGeoKey     = "https://docs.aws.amazon.com/location/latest/APIReference/API_DescribeKey.html"
	srcContainer  = "https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_GetContainerLog.html"
	srcRetrieved  = "https://docs.aws.amazon.com/xray/latest/api/API_ListRetrievedTraces.html"
	srcFolder     = "https://docs.aws.amazon.com/codecommit/latest/APIReference/API_GetFolder.html"
	srcTableData  = "https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GetTableObjects.html"
	srcWorkUnit   = "https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GetWorkUnitResults.html"
	srcSample     = "https://docs.aws.amazon.com/lookoutmetrics/latest/api/API_GetSampleData.html"
	srcStatement  = "https://docs.aws.amazon.com/glue/latest/webapi/API_GetStatement.html"
	srcDetection  = "https://docs.aws.amazon.com/rekognition/latest/APIReference/API_GetFaceDetection.html"
)

// DataReads are the data rules. Each pattern names a data word narrowly
// enough to miss the List and Describe actions of the same resource
// ("*:GetParameter*" but not ssm:DescribeParameters), and as a Deny also
// refuses the reads AWS adds under it later. The tests measure each rule
// against the catalog and against what AWS's ViewOnlyAccess and
// SecurityAudit grant, and the boundary guide lists them.
var DataReads = []Rule{
	{"*:GetObject*", "object reads", srcGetObject},
	{"*:*SecretValue*", "secret reads", srcSecret},
	{"*:RevealSecret*", "secret reads", srcSecret},
	{"*:GetParameter*", "parameter reads", srcParameter},
	{"*:Receive*Message*", "message reads", srcMessage},
	{"*:Get*Message", "message reads", srcMessage},
	{"*:Get*Messages", "message reads", srcMessage},
	{"*:List*Messages", "message reads", srcMessage},
	{"*:*MessageContent*", "message reads", srcMessage},
	{"*:*LogEvents*", "log-event reads", srcLogEvents},
	{"*:GetLogRecord*", "log-event reads", srcLogEvents},
	{"*:GetContainerLog*", "log-event reads", srcContainer},
	{"*:StartLiveTail*", "log-event reads", srcLogEvents},
	{"*:Download*Log*", "log-event reads", srcLogEvents},
	{"*:GetRecord*", "record reads", srcRecords},
	{"*:Get*ShardIterator*", "record reads", srcShard},
	{"*:BatchGetTrace*", "record reads", srcTraces},
	{"*:*RetrievedTraces*", "record reads", srcRetrieved},
	{"*:Get*SampledRequests*", "record reads", srcSampled},
	{"*:GetBlock", "record reads", srcLedger},
	{"*:GetRevision", "record reads", srcLedger},
	{"*:GetKey", "record reads", srcKeyValue},
	{"*:GetVectors", "record reads", srcRecords},
	{"*:GetTableData*", "record reads", srcTableData},
	{"*:GetTableObjects*", "record reads", srcTableData},
	{"*:GetEntityRecords*", "record reads", srcRecords},
	{"*:GetSampleData*", "record reads", srcSample},
	{"*:BatchGetRecord*", "record reads", srcRecords},
	{"*:Get*StreamRecords*", "record reads", srcRecords},
	{"*:*MemoryRecord*", "record reads", srcRecords},
	{"*:QueryRecords*", "record reads", srcRecords},
	{"*:*QueryResult*", "query-result reads", srcQuery},
	{"*:*StatementResult*", "query-result reads", srcQuery},
	{"*:GetStatement", "query-result reads", srcStatement},
	{"*:GetWorkUnitResults*", "query-result reads", srcWorkUnit},
	{"*:Get*SearchResults*", "query-result reads", srcQuery},
	{"*:FetchResults*", "query-result reads", srcQuery},
	{"*:GetItem", "record reads", srcItem},
	{"*:BatchGetItem", "record reads", srcItem},
	{"*:Query", "query-result reads", srcItem},
	{"*:Scan", "query-result reads", srcItem},
	{"*:*Select", "query-result reads", srcItem},
	{"*:ReadData*", "query-result reads", srcItem},
	{"*:Invoke*", "model invocation", srcInvoke},
	{"*:Retrieve*", "model invocation", srcRetrieve},
	{"*:Get*Token*", "token vending", srcToken},
	{"*:*Token", "token vending", srcToken},
	{"*:Get*Credentials*", "credential vending", srcCredential},
	{"*:Describe*Credentials*", "credential vending", srcCredential},
	{"*:Request*Credentials*", "credential vending", srcCredential},
	{"*:Get*PasswordData*", "credential vending", srcPassword},
	{"*:Get*Password", "credential vending", srcPassword},
	{"*:Get*DataAccess*", "credential vending", srcDataAccess},
	{"*:Get*ComputeAccess*", "credential vending", srcCompute},
	{"*:Get*SessionEndpoint*", "token vending", srcSession},
	{"*:Get*ConnectionDetails*", "token vending", srcCompute},
	{"geo:DescribeKey", "credential vending", srcGeoKey},
	{"*:Get*Decrypted*", "credential vending", srcSecret},
	{"*:Get*ApiKey", "credential vending", srcSecret},
	{"*:GetAuthCode*", "credential vending", srcEmbedURL},
	{"*:Get*EmbedUrl*", "credential vending", srcEmbedURL},
	{"*:Get*UploadUrl*", "credential vending", srcEmbedURL},
	{"*:UseConnection*", "connection use", srcConnection},
	{"*:Get*Content", "content reads", srcViewOnly},
	{"*:GetBlob*", "content reads", srcBlob},
	{"*:GetFolder*", "content reads", srcFolder},
	{"*:GetJobOutput*", "content reads", srcArchive},
	{"*:Get*Detection", "content reads", srcDetection},
	{"*:GetCelebrityRecognition*", "content reads", srcDetection},
	{"*:GetContentModeration*", "content reads", srcDetection},
	{"*:GetDocument*", "content reads", srcDocument},
	{"*:Get*Document", "content reads", srcDocument},
	{"*:GetConversation*", "content reads", srcViewOnly},
	{"*:DescribeCommunication*", "content reads", srcViewOnly},
	{"*:GetSnapshotBlock", "content reads", srcBlock},
	{"*:ListSnapshotBlocks", "content reads", srcBlock},
	{"*:ListChangedBlocks", "content reads", srcBlock},
	{"*:GetFile", "content reads", srcBlob},
	{"*:GitPull*", "content reads", srcBlob},
	{"*:BatchGetImage*", "content reads", srcLayer},
	{"*:Download*", "content reads", srcLayer},
	{"*:Get*Download*", "content reads", srcLayer},
	{"*:GetMedia", "content reads", srcViewOnly},
	{"*:GetMediaForFragmentList", "content reads", srcViewOnly},
}
