// The mount(2) calls runc 1.1's `runc init` makes in the container's new mount namespace (and the bind its
// parent makes of /proc/self/exe), each timed alone: the costs of linux-6.17.yaml's mount_new_fs, bind_mount,
// remount_bind_readonly, mount_failed, bind_mount_enotdir and the host_ variants.
// Root; unshares its own mount namespace and makes / MS_REC|MS_PRIVATE first (the host's table never changes),
// works in a tmpfs mounted on /tmp/runcmounts-XXXXXX there (the host sees an empty directory, removed at exit).
// gcc -O2 -o runcmounts tests/harness/runcmounts.c && ./runcmounts 2000
// Per kind: N iterations of mount + umount2(MNT_DETACH) (a remount: bind, remount, detach), after N/10 untimed
// warm-up ones; only the mount(2) call is between the two clock_gettime(CLOCK_MONOTONIC) reads, the umount2
// (and its grace period) is not. Pinned to CPU 0. Prints p50/p90/p99/max in microseconds (the value at rank
// ceil(q n)), one line per kind, the median of the new-filesystem kinds' p50s, and how busy CPU 1 was meanwhile
// (the guest has 2 vCPUs: anything else running there shows in the tails and in the grace periods).
// Kinds (the runc call each stands for):
//   new_proc, new_tmpfs, new_sysfs, new_devpts, new_mqueue  mount("x", dir, "x", flags, data) as runc's
//                        default config mounts them (sysfs read-only; the tmpfs as /dev's, "mode=755,size=65536k")
//   bind_dir             mount(dir, dir2, NULL, MS_BIND|MS_REC): a cgroup directory, the rootfs onto itself
//   bind_mnt_root        the same with the source the root of another mount (a cgroup v1 hierarchy's mount)
//   bind_file            mount(file, file2, NULL, MS_BIND): /dev/null etc. onto files in the new /dev
//   bind_proc_self       mount(proc/sys, proc/sys, NULL, MS_BIND|MS_REC) in a proc mount: a readonlyPath
//   bind_exe             mount(this program's path, file, NULL, MS_BIND): the parent's bind of /proc/self/exe
//                        (the link itself names the host namespace's mount once we unshare: EINVAL here)
//   remount_ro           mount("", bind, NULL, MS_REMOUNT|MS_BIND|MS_RDONLY) of a fresh bind of a directory
//   fail_enoent          mount("/dev/null", missing, NULL, MS_BIND): a masked or read-only path that is absent
//   fail_enotdir_walk    mount("/dev/null", file/x, NULL, MS_BIND): ENOTDIR from the lookup itself
//   bind_enotdir         mount("/dev/null", dir, NULL, MS_BIND): a masked directory; the lookups succeed, the
//                        clone is made, graft_tree refuses it (ENOTDIR) and the clone is unmounted again, with
//                        namespace_unlock's expedited grace period
// Reference kinds, the calls behind recipes already in the profile, to compare this run with its calibration:
//   ref_stat             stat() of scratch/other/a/b, 5 components crossing two mountpoints (path_walk: 1.05 us
//                        for a 5-component path crossing one)
//   ref_open_tree        open_tree(OPEN_TREE_CLONE) of a directory (open_tree_clone, 3.4 us)
//   ref_move_mount       move_mount of such a clone onto a directory (move_mount, 2.3 us)
//   ref_close_detached   close() of a clone's fd never attached: one grace period (close_detached, 28.8 us)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif

static char base[64], exe[256];
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return x<y?-1:x>y;}
static double q(const double*v,int n,int permille){long r=((long)permille*n+999)/1000;if(r<1)r=1;return v[r-1];}
static void cleanup(void){char p[256];snprintf(p,sizeof p,"%s/proc",base);umount2(p,MNT_DETACH);snprintf(p,sizeof p,"%s/other",base);umount2(p,MNT_DETACH);
  if(umount2(base,MNT_DETACH))perror("umount2 scratch");
  if(rmdir(base))perror("rmdir scratch");}
static void die(const char*what){fprintf(stderr,"runcmounts: %s: %s\n",what,strerror(errno));cleanup();exit(1);}
static void path(char*out,const char*name){snprintf(out,256,"%s/%s",base,name);}
static void mkfile(const char*name){char p[256];path(p,name);int fd=open(p,O_CREAT|O_WRONLY,0644);if(fd<0)die(p);close(fd);}
static void mkd(const char*name){char p[256];path(p,name);if(mkdir(p,0755)&&errno!=EEXIST)die(p);}
// CPU 1's busy and total jiffies from /proc/stat
static void cpu1(long long*busy,long long*total){FILE*f=fopen("/proc/stat","r");char l[512];*busy=*total=0;
  while(f&&fgets(l,sizeof l,f)){long long v[8]={0};if(sscanf(l,"cpu1 %lld %lld %lld %lld %lld %lld %lld %lld",v,v+1,v+2,v+3,v+4,v+5,v+6,v+7)>=4){
    for(int i=0;i<8;i++)*total+=v[i];
    *busy=*total-v[3]-v[4]; break;}}
  if(f)fclose(f);}

enum how{MOUNT,REMOUNT,STAT,OPEN_TREE,MOVE_MOUNT,CLOSE_DETACHED};
struct kind{const char*name;enum how how;const char*src;const char*dst;const char*type;unsigned long flags;const char*data;
  int expect;};    // 0: succeeds (umount2 dst after a mount), else the errno it must fail with
static struct kind kinds[]={
  {"new_proc",MOUNT,"=proc","mnt","proc",MS_NOSUID|MS_NODEV|MS_NOEXEC,NULL,0},
  {"new_tmpfs",MOUNT,"=tmpfs","mnt","tmpfs",MS_NOSUID|MS_STRICTATIME,"mode=755,size=65536k",0},
  {"new_sysfs",MOUNT,"=sysfs","mnt","sysfs",MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_RDONLY,NULL,0},
  {"new_devpts",MOUNT,"=devpts","mnt","devpts",MS_NOSUID|MS_NOEXEC,"newinstance,ptmxmode=0666,mode=0620",0},
  {"new_mqueue",MOUNT,"=mqueue","mnt","mqueue",MS_NOSUID|MS_NODEV|MS_NOEXEC,NULL,0},
  {"bind_dir",MOUNT,"src","mnt",NULL,MS_BIND|MS_REC,NULL,0},
  {"bind_mnt_root",MOUNT,"other","mnt",NULL,MS_BIND|MS_REC,NULL,0},
  {"bind_file",MOUNT,"file","file2",NULL,MS_BIND,NULL,0},
  {"bind_proc_self",MOUNT,"proc/sys","proc/sys",NULL,MS_BIND|MS_REC,NULL,0},
  {"bind_exe",MOUNT,"=exe","file2",NULL,MS_BIND,NULL,0},
  {"remount_ro",REMOUNT,"src","mnt",NULL,MS_REMOUNT|MS_BIND|MS_RDONLY,NULL,0},
  {"fail_enoent",MOUNT,"=/dev/null","missing",NULL,MS_BIND,NULL,ENOENT},
  {"fail_enotdir_walk",MOUNT,"=/dev/null","file/x",NULL,MS_BIND,NULL,ENOTDIR},
  {"bind_enotdir",MOUNT,"=/dev/null","mnt",NULL,MS_BIND,NULL,ENOTDIR},
  {"ref_stat",STAT,NULL,"other/a/b",NULL,0,NULL,0},
  {"ref_open_tree",OPEN_TREE,"src",NULL,NULL,0,NULL,0},
  {"ref_move_mount",MOVE_MOUNT,"src","mnt",NULL,0,NULL,0},
  {"ref_close_detached",CLOSE_DETACHED,"src",NULL,NULL,0,NULL,0},
};

// a name is under base; "=x" is x itself ("=exe" is this program's path)
static void resolve(char*out,const char*s){if(!s)out[0]=0; else if(!strcmp(s,"=exe"))snprintf(out,256,"%s",exe);
  else if(s[0]=='=')snprintf(out,256,"%s",s+1); else path(out,s);}

static double once(const struct kind*K,const char*src,const char*dst){
  double t,d; int r,e,fd; struct stat st;
  switch(K->how){
  case MOUNT: case REMOUNT:
    if(K->how==REMOUNT&&mount(src,dst,NULL,MS_BIND|MS_REC,NULL))die("bind before remount");
    t=now(); r=mount(K->how==REMOUNT?"":src,dst,K->type,K->flags,K->data); d=now()-t; e=errno;
    if(K->expect){ if(r==0){umount2(dst,MNT_DETACH);errno=0;die(K->name);} if(e!=K->expect){errno=e;die(K->name);} }
    else { if(r){errno=e;die(K->name);} if(umount2(dst,MNT_DETACH))die("umount2"); }
    return d;
  case STAT: t=now(); r=stat(dst,&st); d=now()-t; if(r)die(K->name); return d;
  case OPEN_TREE: t=now(); fd=syscall(SYS_open_tree,AT_FDCWD,src,OPEN_TREE_CLONE|O_CLOEXEC); d=now()-t; if(fd<0)die(K->name); close(fd); return d;
  case MOVE_MOUNT: fd=syscall(SYS_open_tree,AT_FDCWD,src,OPEN_TREE_CLONE|O_CLOEXEC); if(fd<0)die("open_tree");
    t=now(); r=syscall(SYS_move_mount,fd,"",AT_FDCWD,dst,MOVE_MOUNT_F_EMPTY_PATH); d=now()-t; if(r)die(K->name);
    close(fd); if(umount2(dst,MNT_DETACH))die("umount2"); return d;
  case CLOSE_DETACHED: fd=syscall(SYS_open_tree,AT_FDCWD,src,OPEN_TREE_CLONE|O_CLOEXEC); if(fd<0)die("open_tree");
    t=now(); r=close(fd); d=now()-t; if(r)die(K->name); return d;}
  return 0;}

int main(int argc,char**argv){
  int n=argc>1?atoi(argv[1]):2000; if(n<100){fprintf(stderr,"usage: runcmounts N (N >= 100)\n");return 2;}
  ssize_t len=readlink("/proc/self/exe",exe,sizeof exe-1); if(len<0){perror("readlink /proc/self/exe");return 1;} exe[len]=0;
  cpu_set_t cpus; CPU_ZERO(&cpus); CPU_SET(0,&cpus); if(sched_setaffinity(0,sizeof cpus,&cpus))perror("sched_setaffinity (running unpinned)");
  if(unshare(CLONE_NEWNS)){perror("unshare(CLONE_NEWNS)");return 1;}
  if(mount(NULL,"/",NULL,MS_REC|MS_PRIVATE,NULL)){perror("make / rprivate");return 1;}
  strcpy(base,"/tmp/runcmounts-XXXXXX"); if(!mkdtemp(base)){perror("mkdtemp");return 1;}
  if(mount("tmpfs",base,"tmpfs",0,"size=16m")){perror("scratch tmpfs");rmdir(base);return 1;}
  mkd("src"); mkd("mnt"); mkd("other"); mkd("proc"); mkfile("file"); mkfile("file2");
  char p[256]; path(p,"other"); if(mount("tmpfs",p,"tmpfs",0,"size=1m"))die("tmpfs on other");
  mkd("other/a"); mkfile("other/a/b");
  path(p,"proc"); if(mount("proc",p,"proc",MS_NOSUID|MS_NODEV|MS_NOEXEC,NULL))die("proc on proc");
  double*us=malloc(sizeof(double)*n); double newfs[5]; int nnew=0; long long b0,t0,b1,t1; cpu1(&b0,&t0);
  printf("%-18s %8s %8s %8s %8s   (us, %d calls each)\n","kind","p50","p90","p99","max",n);
  for(size_t k=0;k<sizeof kinds/sizeof*kinds;k++){
    struct kind*K=&kinds[k]; char src[256],dst[256]; resolve(src,K->src); resolve(dst,K->dst);
    for(int i=-n/10;i<n;i++){double d=once(K,src,dst); if(i>=0)us[i]=d;}
    qsort(us,n,sizeof(double),cmp);
    printf("%-18s %8.2f %8.2f %8.2f %8.1f\n",K->name,q(us,n,500),q(us,n,900),q(us,n,990),us[n-1]);
    if(!strncmp(K->name,"new_",4))newfs[nnew++]=q(us,n,500);
    fflush(stdout);}
  cpu1(&b1,&t1);
  qsort(newfs,nnew,sizeof(double),cmp);
  printf("median of the new-filesystem p50s: %.2f us\n",newfs[nnew/2]);
  printf("CPU 1 busy meanwhile: %.0f%%\n",t1>t0?100.0*(b1-b0)/(t1-t0):0.0);
  cleanup();
  return 0;}
