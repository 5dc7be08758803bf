BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0002');
CREATE TABLE "cases" (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	provider TEXT NOT NULL, 
	service TEXT NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	playbook VARCHAR(40) NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	requested_on DATE NOT NULL, 
	ticket TEXT NOT NULL, 
	promised_by DATE NOT NULL, 
	next_follow_up DATE, 
	status VARCHAR(16) NOT NULL, 
	notes TEXT NOT NULL, 
	fee_amount VARCHAR(40), 
	fee_currency VARCHAR(8) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	deleted_at DATETIME, 
	checks_total INTEGER DEFAULT 0 NOT NULL, 
	checks_passed INTEGER DEFAULT 0 NOT NULL, 
	checks_failed INTEGER DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_cases PRIMARY KEY (id), 
	CONSTRAINT uq_cases_uuid UNIQUE (uuid)
);
INSERT INTO "cases" VALUES(1,'3e5a13b4-f83b-40b5-b1cf-9368af3cb79d','Movistar Perú','eSIM +51 987 654 321','cancel','esim-pe','phone','2026-10-06','R-2026-00077','2026-10-14',NULL,'verified','nota: ñ 漢','29.90','PEN','2026-10-06 14:02:00.000000','2026-12-01 14:17:00.000000',NULL,10,3,0);
INSERT INTO "cases" VALUES(2,'73ba96df-e49c-4976-860c-850315330f01','Claro Perú','línea fija','suspend','esim-pe','store','2026-10-06','C-123','2026-10-14','2026-10-17','requested','llamar de 9 a 18 h',NULL,'','2026-10-06 14:03:00.000000','2026-12-01 14:22:00.000000',NULL,9,0,0);
INSERT INTO "cases" VALUES(3,'e3b02593-816c-473c-bedf-d1a096b0c626','中国移动','国际漫游','cancel','subscription','web','2026-10-06','','2026-10-13',NULL,'withdrawn','',NULL,'','2026-10-06 14:04:00.000000','2026-12-01 14:25:00.000000',NULL,3,1,0);
CREATE TABLE checks (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	required BOOLEAN NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	checked_at DATETIME, 
	note TEXT NOT NULL, 
	CONSTRAINT pk_checks PRIMARY KEY (id), 
	CONSTRAINT fk_checks_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE
);
INSERT INTO "checks" VALUES(1,1,0,'calls blocked',1,'passed','2026-10-20 14:08:00.000000','');
INSERT INTO "checks" VALUES(2,1,1,'SMS blocked',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(3,1,2,'mobile data stopped',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(4,1,3,'balance zero',1,'passed','2026-10-20 14:11:00.000000','S/ 0.00 (app)');
INSERT INTO "checks" VALUES(5,1,4,'eSIM profile deleted from the device',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(6,1,5,'paired devices unbound',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(7,1,6,'account shows cancelled online',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(8,1,7,'no charge on the next bill',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(9,2,0,'cancellation confirmed',1,'pending',NULL,'');
INSERT INTO "checks" VALUES(10,3,0,'confirmation received',1,'pending',NULL,'');
INSERT INTO "checks" VALUES(11,3,1,'no new charge',1,'pending',NULL,'');
INSERT INTO "checks" VALUES(12,3,2,'access ended',0,'passed','2026-12-01 14:24:00.000000','无法登录');
INSERT INTO "checks" VALUES(13,1,8,'no cobro en el recibo de noviembre',1,'passed','2026-10-20 14:14:00.000000','');
INSERT INTO "checks" VALUES(14,1,9,'WhatsApp movido: ''nuevo'' número',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(15,2,1,'calls blocked',1,'pending',NULL,'');
INSERT INTO "checks" VALUES(16,2,2,'SMS blocked',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(17,2,3,'mobile data stopped',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(18,2,4,'balance zero',1,'pending',NULL,'');
INSERT INTO "checks" VALUES(19,2,5,'eSIM profile deleted from the device',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(20,2,6,'paired devices unbound',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(21,2,7,'account shows cancelled online',0,'pending',NULL,'');
INSERT INTO "checks" VALUES(22,2,8,'no charge on the next bill',0,'pending',NULL,'');
CREATE TABLE timeline (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	summary TEXT NOT NULL, 
	channel VARCHAR(16), 
	ticket TEXT NOT NULL, 
	agent TEXT NOT NULL, 
	next_follow_up DATE, 
	status_from VARCHAR(16), 
	status_to VARCHAR(16), 
	CONSTRAINT pk_timeline PRIMARY KEY (id), 
	CONSTRAINT fk_timeline_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE
);
INSERT INTO "timeline" VALUES(1,1,'2026-10-06 14:02:00.000000','created','Cancel requested','phone','R-2026-00042','','2026-10-15',NULL,'requested');
INSERT INTO "timeline" VALUES(2,2,'2026-10-06 14:03:00.000000','created','Suspend requested','store','','','2026-10-17',NULL,'requested');
INSERT INTO "timeline" VALUES(3,3,'2026-10-06 14:04:00.000000','created','Cancel requested','web','','','2026-10-14',NULL,'requested');
INSERT INTO "timeline" VALUES(4,1,'2026-10-20 14:05:00.000000','contact','El agente dice que la línea está cortada','phone','R-2026-00077','Rosa','2026-10-22',NULL,NULL);
INSERT INTO "timeline" VALUES(5,1,'2026-10-20 14:06:00.000000','check','Check ''calls blocked'': failed (una llamada de prueba entró (sí))',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(6,1,'2026-10-20 14:06:00.000000','status','Check ''calls blocked'' failed: follow up today',NULL,'','','2026-10-22','requested','failed');
INSERT INTO "timeline" VALUES(7,1,'2026-10-20 14:07:00.000000','contact','Llamé otra vez','app','','','2026-10-22',NULL,NULL);
INSERT INTO "timeline" VALUES(8,1,'2026-10-20 14:07:00.000000','status','Asked the provider again',NULL,'','','2026-10-22','failed','requested');
INSERT INTO "timeline" VALUES(9,1,'2026-10-20 14:08:00.000000','check','Check ''calls blocked'': passed',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(10,1,'2026-10-20 14:09:00.000000','check','Check ''balance zero'': failed',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(11,1,'2026-10-20 14:09:00.000000','status','Check ''balance zero'' failed: follow up today',NULL,'','','2026-10-22','requested','failed');
INSERT INTO "timeline" VALUES(12,1,'2026-10-20 14:10:00.000000','check','Check ''balance zero'': pending (revisar luego)',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(13,1,'2026-10-20 14:10:00.000000','status','No check has failed any more: back to requested',NULL,'','','2026-10-20','failed','requested');
INSERT INTO "timeline" VALUES(14,1,'2026-10-20 14:11:00.000000','check','Check ''balance zero'': passed (S/ 0.00 (app))',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(15,1,'2026-10-20 14:12:00.000000','check','Added required check ''no cobro en el recibo de noviembre''',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(16,1,'2026-10-20 14:13:00.000000','check','Added optional check "WhatsApp movido: ''nuevo'' número"',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(17,1,'2026-10-20 14:14:00.000000','check','Check ''no cobro en el recibo de noviembre'': passed',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(18,1,'2026-10-20 14:15:00.000000','contact','Confirmaron la baja','phone','','','2026-10-22',NULL,NULL);
INSERT INTO "timeline" VALUES(19,1,'2026-10-20 14:15:00.000000','status','Provider says it is done',NULL,'','','2026-10-22','requested','confirmed');
INSERT INTO "timeline" VALUES(20,1,'2026-10-20 14:16:00.000000','status','Verified: every required check passed; recheck after the next bill on 2026-11-24',NULL,'','','2026-11-24','confirmed','verified');
INSERT INTO "timeline" VALUES(21,1,'2026-12-01 14:17:00.000000','status','Recheck done: case closed',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(22,2,'2026-12-01 14:18:00.000000','edit','Edited: provider, ticket, notes, promised date, playbook',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(23,2,'2026-12-01 14:19:00.000000','status','Withdrawn: me quedo con la línea: mejor plan (S/ 19.90)',NULL,'','','2026-10-17','requested','withdrawn');
INSERT INTO "timeline" VALUES(24,2,'2026-12-01 14:20:00.000000','status','Reopened',NULL,'','',NULL,'withdrawn','requested');
INSERT INTO "timeline" VALUES(25,2,'2026-12-01 14:21:00.000000','status','Withdrawn',NULL,'','','2026-10-17','requested','withdrawn');
INSERT INTO "timeline" VALUES(26,2,'2026-12-01 14:22:00.000000','status','Reopened',NULL,'','',NULL,'withdrawn','requested');
INSERT INTO "timeline" VALUES(27,3,'2026-12-01 14:23:00.000000','contact','客服说已经注销','phone','','','2026-12-08',NULL,NULL);
INSERT INTO "timeline" VALUES(28,3,'2026-12-01 14:23:00.000000','status','Provider says it is done',NULL,'','','2026-12-08','requested','confirmed');
INSERT INTO "timeline" VALUES(29,3,'2026-12-01 14:24:00.000000','check','Check ''access ended'': passed (无法登录)',NULL,'','',NULL,NULL,NULL);
INSERT INTO "timeline" VALUES(30,3,'2026-12-01 14:25:00.000000','status','Withdrawn: 不用了',NULL,'','','2026-12-08','confirmed','withdrawn');
CREATE INDEX ix_checks_case_id ON checks (case_id);
CREATE INDEX ix_timeline_case_id ON timeline (case_id);
CREATE INDEX ix_cases_due ON cases (next_follow_up) WHERE deleted_at IS NULL AND next_follow_up IS NOT NULL;
CREATE INDEX ix_cases_deleted_at ON cases (deleted_at);
COMMIT;
