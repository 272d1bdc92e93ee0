-- CreateTable
CREATE TABLE "CommitteeChat" (
    "chatId" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "municipalityId" INTEGER,
    "boundById" INTEGER,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "unboundAt" TIMESTAMP(3),
    "unboundReason" TEXT,

    CONSTRAINT "CommitteeChat_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "DigestDelivery" (
    "id" SERIAL NOT NULL,
    "chatId" BIGINT NOT NULL,
    "week" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "content" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "messageId" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DigestDelivery_status_idx" ON "DigestDelivery"("status");

-- CreateIndex
CREATE UNIQUE INDEX "DigestDelivery_chatId_week_key" ON "DigestDelivery"("chatId", "week");
